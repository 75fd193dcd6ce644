package io.nsqj.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * nsqlookupd's TCP protocol V1, spoken between nsqd and nsqlookupd. Commands are text lines (IDENTIFY is
 * followed by a size-prefixed JSON body); every answer, success or error, is [size int32][data] with no frame
 * type, unlike protocol V2.
 */
public final class LookupV1 {
    public static final String MAGIC = "  V1";
    public static final int MAGIC_LENGTH = 4;

    public static final String PING = "PING";
    public static final String IDENTIFY = "IDENTIFY";
    public static final String REGISTER = "REGISTER";
    public static final String UNREGISTER = "UNREGISTER";

    public static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private LookupV1() {
    }

    /** One answer as nsqlookupd writes it: the data prefixed with its length. */
    public static Buffer response(byte[] data) {
        return Buffer.buffer(4 + data.length).appendInt(data.length).appendBytes(data);
    }
}
