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
import java.time.Duration;
import java.util.Optional;

/**
 * A protocol V2 client at the byte level, to send exactly what a test wants (good or bad) and read the
 * frames the broker answers with.
 */
public final class RawNsqConnection implements AutoCloseable {
    private static final int DEFAULT_READ_TIMEOUT_MILLIS = 10_000;
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
        return open("127.0.0.1", port);
    }

    /** Connects to this host (an IP literal such as "::1") and sends the "  V2" magic. */
    public static RawNsqConnection open(String host, int port) {
        RawNsqConnection c = openWithoutMagic(host, port);
        c.write("  V2".getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    public static RawNsqConnection openWithoutMagic(int port) {
        return openWithoutMagic("127.0.0.1", port);
    }

    private static RawNsqConnection openWithoutMagic(String host, int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(DEFAULT_READ_TIMEOUT_MILLIS);
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
            if (!f.isHeartbeat()) {
                return f;
            }
        }
    }

    /**
     * The next frame other than a heartbeat, or empty when none arrives within {@code timeout}: lets a test
     * wait out a period while checking that nothing is delivered in it.
     */
    public Optional<Frame> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) remainingMillis);
                Frame f = readAny();
                if (!f.isHeartbeat()) {
                    return Optional.of(f);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            setReadTimeout(DEFAULT_READ_TIMEOUT_MILLIS);
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

    /**
     * Leaves the way a client that goes away does (closing its sending side) and waits until the broker has
     * closed the connection too, so the broker has seen the client leave when this returns.
     */
    public void disconnect() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!isClosedByPeer()) {
            throw new IllegalStateException("the broker kept the connection open after the client left");
        }
        close();
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

    /** This side's port, which the broker reports in the client's remote_address. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** One frame; for messages, the fields of nsqd's layout. */
    public record Frame(int type, byte[] data) {
        public boolean isHeartbeat() {
            return type == FRAME_RESPONSE && text().equals("_heartbeat_");
        }

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

        @Override
        public String toString() {
            return switch (type) {
                case FRAME_RESPONSE -> "response(" + text() + ")";
                case FRAME_ERROR -> "error(" + text() + ")";
                case FRAME_MESSAGE -> "message(" + messageId() + ", attempts " + attempts() + ", " + body() + ")";
                default -> "frame type " + type;
            };
        }
    }
}
