package io.nsqj.broker.lookup;

import io.nsqj.protocol.LookupV1;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The connection to one nsqlookupd, as nsqd's lookupPeer: on (re)connect it identifies this broker and
 * registers every topic and channel; afterwards it forwards REGISTER/UNREGISTER as they happen and PINGs
 * every 15 seconds. Blocking I/O on its own thread, so no event loop ever waits for a lookupd.
 */
final class LookupPeer {
    private static final System.Logger LOG = System.getLogger(LookupPeer.class.getName());
    private static final long PING_INTERVAL_MILLIS = 15_000;
    private static final long RECONNECT_DELAY_MILLIS = 1_000;
    /** How soon a lookupd that went away is noticed (and re-registered with once back), between pings. */
    private static final long LIVENESS_CHECK_MILLIS = 1_000;
    private static final int IO_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_RESPONSE = 5 * 1024 * 1024;
    private static final String STOP = "";

    private final InetSocketAddress address;
    private final byte[] identifyBody;
    private final Supplier<List<String>> registrations;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;
    private long lastCommandAt;

    /**
     * @param registrations the REGISTER lines for everything this broker has now, asked on each (re)connect
     */
    LookupPeer(InetSocketAddress address, byte[] identifyBody, Supplier<List<String>> registrations) {
        this.address = address;
        this.identifyBody = identifyBody;
        this.registrations = registrations;
        this.thread = new Thread(this::run, "lookupd-peer-" + address);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isConnected() {
        return connected;
    }

    /** Queues a command line (without newline); dropped if the lookupd is unreachable, the next sync covers it. */
    void send(String line) {
        commands.offer(line);
    }

    void stop() {
        running = false;
        commands.offer(STOP);
    }

    private void run() {
        while (running) {
            try {
                if (!connected) {
                    connectAndSync();
                }
                String line = commands.poll(LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (line == STOP) {
                    break;
                }
                if (line != null) {
                    command(line, null);
                } else if (System.currentTimeMillis() - lastCommandAt >= PING_INTERVAL_MILLIS) {
                    command(LookupV1.PING, null);
                } else {
                    checkStillOpen();
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "LOOKUPD(" + address + "): " + e.getMessage());
                disconnect();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        disconnect();
    }

    private void pause() {
        try {
            String line = commands.poll(RECONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            if (line == STOP) {
                running = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void connectAndSync() throws IOException {
        socket = new Socket();
        socket.connect(address, IO_TIMEOUT_MILLIS);
        socket.setSoTimeout(IO_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        out.write(LookupV1.MAGIC.getBytes(StandardCharsets.US_ASCII));
        String response = command(LookupV1.IDENTIFY, identifyBody);
        if (response.startsWith("E_")) {
            throw new IOException("lookupd returned " + response);
        }
        LOG.log(System.Logger.Level.INFO, "LOOKUPD(" + address + "): peer info " + response);
        commands.clear();
        for (String line : registrations.get()) {
            command(line, null);
        }
        connected = true;
    }

    /** lookupd never speaks unasked, so a read that finds end-of-stream means the connection is gone. */
    private void checkStillOpen() throws IOException {
        socket.setSoTimeout(1);
        try {
            if (in.read() < 0) {
                throw new IOException("connection closed by lookupd");
            }
            throw new IOException("unexpected data from lookupd");
        } catch (java.net.SocketTimeoutException alive) {
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
        }
    }

    private String command(String line, byte[] body) throws IOException {
        lastCommandAt = System.currentTimeMillis();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeInt(body.length);
            out.write(body);
        }
        out.flush();
        int size = in.readInt();
        if (size < 0 || size > MAX_RESPONSE) {
            throw new IOException("response body size (" + size + ") is greater than limit (" + MAX_RESPONSE + ")");
        }
        byte[] data = new byte[size];
        in.readFully(data);
        String response = new String(data, StandardCharsets.UTF_8);
        if (response.startsWith("E_")) {
            LOG.log(System.Logger.Level.ERROR, "LOOKUPD(" + address + "): " + line + " - " + response);
        }
        return response;
    }

    private void disconnect() {
        connected = false;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
            socket = null;
        }
    }
}
