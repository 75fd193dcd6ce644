package io.nsqj.client;

import io.nsqj.protocol.FrameType;
import io.nsqj.protocol.Frames;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One frame sent by nsqd: its type ({@link FrameType}) and its data. */
record Frame(int type, byte[] data) {

    boolean isHeartbeat() {
        return type == FrameType.RESPONSE && Arrays.equals(data, Frames.HEARTBEAT);
    }

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
