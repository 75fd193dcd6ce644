package io.nsqj.tools.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The few bytes of NSQ's TCP protocol the benchmark speaks, written and read straight on a blocking socket:
 * the magic, IDENTIFY, and reading one response frame into a reused buffer.
 */
final class WireFrames {
    static final byte[] MAGIC_V2 = "  V2".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_RESPONSE = 0;
    static final int FRAME_ERROR = 1;
    static final int FRAME_MESSAGE = 2;
    /** frame size (4) + frame type (4) + timestamp (8) + attempts (2) + id (16) */
    static final int MESSAGE_HEADER = 4 + 4 + 8 + 2 + 16;

    private WireFrames() {
    }

    /** The magic and an IDENTIFY as NSQ's bench tools send it (no feature negotiation: the answer is OK). */
    static ByteBuffer hello(String clientId, String userAgent) {
        byte[] body = ("{\"client_id\":\"" + clientId + "\",\"hostname\":\"" + clientId + "\",\"user_agent\":\""
                + userAgent + "\"}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC_V2.length + 9 + 4 + body.length);
        b.put(MAGIC_V2).put("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.flip();
    }

    static ByteBuffer command(String line) {
        return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Reads one frame whose body fits {@code buffer}; returns its type, leaves the frame's data between
     * position and limit.
     */
    static int readFrame(SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear().limit(8);
        readFully(channel, buffer);
        int size = buffer.getInt(0);
        int type = buffer.getInt(4);
        if (size < 4 || size - 4 > buffer.capacity()) {
            throw new IOException("bad frame size " + size);
        }
        buffer.clear().limit(size - 4);
        readFully(channel, buffer);
        buffer.flip();
        return type;
    }

    /** Reads a response frame and fails unless it is OK. */
    static void expectOk(SocketChannel channel, ByteBuffer buffer, String what) throws IOException {
        int type = readFrame(channel, buffer);
        String data = StandardCharsets.UTF_8.decode(buffer).toString();
        if (type != FRAME_RESPONSE || !data.equals("OK")) {
            throw new IOException(what + ": " + data);
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("connection closed by the broker");
            }
        }
    }
}
