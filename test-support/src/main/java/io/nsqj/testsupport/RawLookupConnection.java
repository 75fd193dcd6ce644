package io.nsqj.testsupport;

import io.nsqj.protocol.LookupV1;

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
 * A lookupd protocol V1 client at the byte level, playing nsqd: sends exactly what a test wants and reads the
 * size-prefixed answers.
 */
public final class RawLookupConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawLookupConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and sends the "  V1" magic. */
    public static RawLookupConnection open(int port) {
        return open("127.0.0.1", port);
    }

    /** Connects to this host (an IP literal such as "::1") and sends the "  V1" magic. */
    public static RawLookupConnection open(String host, int port) {
        return openWithoutMagic(host, port).write(LookupV1.MAGIC.getBytes(StandardCharsets.US_ASCII));
    }

    public static RawLookupConnection openWithoutMagic(int port) {
        return openWithoutMagic("127.0.0.1", port);
    }

    private static RawLookupConnection openWithoutMagic(String host, int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            return new RawLookupConnection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawLookupConnection write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command line (the newline is added). */
    public RawLookupConnection command(String line) {
        return write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends IDENTIFY with its size-prefixed JSON body. */
    public RawLookupConnection identify(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return write(ByteBuffer.allocate(9 + 4 + body.length).put("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII))
                .putInt(body.length).put(body).array());
    }

    /** Sends a command and reads its answer. */
    public String call(String line) {
        return command(line).read();
    }

    /** Reads the next answer: [size int32][data]. */
    public String read() {
        try {
            byte[] data = new byte[in.readInt()];
            in.readFully(data);
            return new String(data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when lookupd closed the connection (EOF) within the socket timeout. */
    public boolean isClosedByPeer() {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * This side's address as lookupd sees it when connected over 127.0.0.1 ("127.0.0.1:54321"), which it reports
     * as remote_address.
     */
    public String localAddress() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket that is already gone
        }
    }
}
