package io.nsqj.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Writes protocol V2 frames: [size int32][frame type int32][data], size counting the type and the data.
 */
public final class Frames {
    public static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] HEARTBEAT = "_heartbeat_".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] CLOSE_WAIT = "CLOSE_WAIT".getBytes(StandardCharsets.US_ASCII);

    private Frames() {
    }

    public static void append(Buffer out, int frameType, byte[] data) {
        out.appendInt(4 + data.length).appendInt(frameType).appendBytes(data);
    }

    public static Buffer response(byte[] data) {
        Buffer b = Buffer.buffer(8 + data.length);
        append(b, FrameType.RESPONSE, data);
        return b;
    }

    public static Buffer error(String text) {
        return error(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Buffer error(byte[] data) {
        Buffer b = Buffer.buffer(8 + data.length);
        append(b, FrameType.ERROR, data);
        return b;
    }

    /**
     * A message frame: timestamp (ns), attempts, 16-byte id, body, exactly as nsqd lays it out.
     */
    public static void appendMessage(Buffer out, long timestampNanos, int attempts, byte[] id, byte[] body) {
        appendMessageHeader(out, timestampNanos, attempts, id, body.length);
        out.appendBytes(body);
    }

    /** A message frame up to its body, for a body sent as a buffer of its own. */
    public static void appendMessageHeader(Buffer out, long timestampNanos, int attempts, byte[] id, int bodyLength) {
        out.appendInt(4 + 8 + 2 + MessageId.LENGTH + bodyLength)
                .appendInt(FrameType.MESSAGE)
                .appendLong(timestampNanos)
                .appendShort((short) attempts)
                .appendBytes(id);
    }

    /** {@link #appendMessage} into a Netty buffer, the id written in place (no array per delivery). */
    public static void writeMessage(ByteBuf out, long timestampNanos, int attempts, long id, byte[] body) {
        writeMessageHeader(out, timestampNanos, attempts, id, body.length);
        out.writeBytes(body);
    }

    /** {@link #appendMessageHeader} into a Netty buffer. */
    public static void writeMessageHeader(ByteBuf out, long timestampNanos, int attempts, long id, int bodyLength) {
        out.writeInt(4 + 8 + 2 + MessageId.LENGTH + bodyLength)
                .writeInt(FrameType.MESSAGE)
                .writeLong(timestampNanos)
                .writeShort(attempts);
        MessageId.write(out, id);
    }
}
