package io.nsqj.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A protocol V2 client at the byte level, to send exactly what a test wants (good or bad) and read the
 * frames the broker answers with.
 */
public final class RawNsqConnection implements AutoCloseable {
    public static final int FRAME_RESPONSE = 0;
    public static final int FRAME_ERROR = 1;
    public static final int FRAME_MESSAGE = 2;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawNsqConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and sends the "  V2" magic. */
    public static RawNsqConnection open(int port) {
        RawNsqConnection c = openWithoutMagic(port);
        c.write("  V2".getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    public static RawNsqConnection openWithoutMagic(int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            return new RawNsqConnection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawNsqConnection write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command line (the newline is added). */
    public RawNsqConnection command(String line) {
        return write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a command line followed by a size-prefixed body. */
    public RawNsqConnection command(String line, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(line.length() + 1 + 4 + body.length);
        b.put((line + "\n").getBytes(StandardCharsets.UTF_8)).putInt(body.length).put(body);
        return write(b.array());
    }

    public RawNsqConnection identify(String json) {
        return command("IDENTIFY", json.getBytes(StandardCharsets.UTF_8));
    }

    public RawNsqConnection pub(String topic, String body) {
        return command("PUB " + topic, body.getBytes(StandardCharsets.UTF_8));
    }

    /** MPUB's body: count, then size-prefixed messages. */
    public static byte[] mpubBody(String... messages) {
        int size = 4;
        for (String m : messages) {
            size += 4 + m.getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(messages.length);
        for (String m : messages) {
            byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
            b.putInt(bytes.length).put(bytes);
        }
        return b.array();
    }

    /** Reads the next frame, skipping heartbeats. */
    public Frame read() {
        while (true) {
            Frame f = readAny();
            if (!(f.type() == FRAME_RESPONSE && f.text().equals("_heartbeat_"))) {
                return f;
            }
        }
    }

    public Frame readAny() {
        try {
            int size = in.readInt();
            int type = in.readInt();
            byte[] data = new byte[size - 4];
            in.readFully(data);
            return new Frame(type, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the broker closed the connection (EOF) within the socket timeout. */
    public boolean isClosedByPeer() {
        try {
            while (true) {
                int size = in.readInt();
                in.skipNBytes(size);
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void setReadTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket that is already gone
        }
    }

    /** One frame; for messages, the fields of nsqd's layout. */
    public record Frame(int type, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        public long timestamp() {
            return ByteBuffer.wrap(data).getLong(0);
        }

        public int attempts() {
            return Short.toUnsignedInt(ByteBuffer.wrap(data).getShort(8));
        }

        public String messageId() {
            return new String(data, 10, 16, StandardCharsets.US_ASCII);
        }

        public String body() {
            return new String(data, 26, data.length - 26, StandardCharsets.UTF_8);
        }
    }
}
