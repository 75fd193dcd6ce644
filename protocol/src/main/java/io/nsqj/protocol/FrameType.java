package io.nsqj.protocol;

/** The frame types of NSQ's protocol V2: every server-to-client frame starts with size then one of these. */
public final class FrameType {
    public static final int RESPONSE = 0;
    public static final int ERROR = 1;
    public static final int MESSAGE = 2;

    private FrameType() {
    }
}
