package io.nsqj.protocol;

/** Error codes of NSQ's protocols, as nsqd and nsqlookupd send them. */
public final class ErrorCodes {
    public static final String E_BAD_PROTOCOL = "E_BAD_PROTOCOL";
    public static final String E_INVALID = "E_INVALID";
    public static final String E_BAD_BODY = "E_BAD_BODY";
    public static final String E_BAD_TOPIC = "E_BAD_TOPIC";
    public static final String E_BAD_CHANNEL = "E_BAD_CHANNEL";
    public static final String E_BAD_MESSAGE = "E_BAD_MESSAGE";
    public static final String E_PUB_FAILED = "E_PUB_FAILED";
    public static final String E_MPUB_FAILED = "E_MPUB_FAILED";
    public static final String E_DPUB_FAILED = "E_DPUB_FAILED";
    public static final String E_FIN_FAILED = "E_FIN_FAILED";
    public static final String E_REQ_FAILED = "E_REQ_FAILED";
    public static final String E_TOUCH_FAILED = "E_TOUCH_FAILED";
    public static final String E_SUB_FAILED = "E_SUB_FAILED";
    public static final String E_IDENTIFY_FAILED = "E_IDENTIFY_FAILED";
    public static final String E_AUTH_FIRST = "E_AUTH_FIRST";
    public static final String E_AUTH_FAILED = "E_AUTH_FAILED";
    public static final String E_UNAUTHORIZED = "E_UNAUTHORIZED";

    private ErrorCodes() {
    }
}
