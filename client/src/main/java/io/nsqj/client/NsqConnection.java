package io.nsqj.client;

import io.nsqj.protocol.FrameType;
import io.vertx.core.json.JsonObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP connection to nsqd speaking protocol V2. Opening it sends the magic and IDENTIFY; {@link #exchange}
 * then runs synchronous commands (SUB) before {@link #startReading} hands every later frame to a listener on
 * a thread of its own. Heartbeats are answered with NOP here and never reach the listener.
 *
 * <p>Blocking sockets: a client holds few connections, and a reader thread per connection keeps the order of
 * frames obvious, with writes serialised by a lock instead of an event loop's queue.
 */
final class NsqConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NsqConnection.class.getName());

    /** Receives the frames of a connection, on its reader thread. */
    interface Listener {
        void onFrame(NsqConnection connection, Frame frame);

        /** Called once, when the connection ends for any reason; cause is null after {@link #close()}. */
        void onClosed(NsqConnection connection, Throwable cause);
    }

    private final NsqAddress address;
    private final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final IdentifyResponse identity;
    private volatile Listener listener;

    private NsqConnection(NsqAddress address, Socket socket, ClientConfig config) throws IOException {
        this.address = address;
        this.socket = socket;
        this.reader = new FrameReader(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        out.write(Commands.MAGIC_V2);
        this.identity = IdentifyResponse.parse(exchange(Commands.identify(identifyBody(config))));
        if (identity.authRequired()) {
            throw new NsqException(address + " requires AUTH, which this client does not support");
        }
    }

    /** Connects and identifies; the caller owns the connection and must close it if a later step fails. */
    static NsqConnection open(NsqAddress address, ClientConfig config) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) config.dialTimeout().toMillis());
            // two silent heartbeat intervals mean nsqd is gone, the rule nsqd applies to its clients
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.heartbeatInterval().toMillis() * 2));
            return new NsqConnection(address, socket, config);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] identifyBody(ClientConfig config) {
        JsonObject json = new JsonObject()
                .put("client_id", config.clientId())
                .put("hostname", config.hostname())
                .put("user_agent", config.userAgent())
                .put("feature_negotiation", true)
                .put("heartbeat_interval", config.heartbeatInterval().toMillis())
                .put("tls_v1", false)
                .put("snappy", false)
                .put("deflate", false)
                .put("sample_rate", config.sampleRate());
        if (!config.msgTimeout().isZero()) {
            json.put("msg_timeout", config.msgTimeout().toMillis());
        }
        if (config.outputBufferSize() != 0) {
            json.put("output_buffer_size", config.outputBufferSize());
        }
        if (!config.outputBufferTimeout().isZero()) {
            json.put("output_buffer_timeout", config.outputBufferTimeout().toMillis());
        }
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a command and waits for its answer; only before {@link #startReading}, when no reader runs. */
    String exchange(byte[] command) throws IOException {
        write(command);
        while (true) {
            Frame frame = reader.read();
            if (frame.isHeartbeat()) {
                write(Commands.NOP);
            } else if (frame.type() == FrameType.ERROR) {
                throw NsqErrorException.fromFrame(frame.text());
            } else if (frame.type() == FrameType.RESPONSE) {
                return frame.text();
            } else {
                throw new IOException("unexpected frame type " + frame.type() + " from " + address);
            }
        }
    }

    void startReading(Listener listener, String threadName) {
        this.listener = listener;
        Thread t = new Thread(this::readLoop, threadName);
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        Throwable cause = null;
        try {
            while (!closed.get()) {
                Frame frame = reader.read();
                if (frame.isHeartbeat()) {
                    write(Commands.NOP);
                } else {
                    listener.onFrame(this, frame);
                }
            }
        } catch (SocketTimeoutException e) {
            cause = new IOException("no heartbeat from " + address + " for two intervals", e);
        } catch (IOException | RuntimeException e) {
            cause = e;
        }
        boolean firstToClose = closed.compareAndSet(false, true);
        closeSocket();
        listener.onClosed(this, firstToClose ? cause : null);
    }

    /** Writes one command; callers that need commands in a given order hold their own lock around it. */
    synchronized void write(byte[] command) throws IOException {
        if (closed.get()) {
            throw new IOException("connection to " + address + " is closed");
        }
        out.write(command);
        out.flush();
    }

    /** Writes a command and reports failure as a lost connection: for FIN/REQ/RDY, whose loss nsqd repairs. */
    boolean tryWrite(byte[] command) {
        try {
            write(command);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write to {0} failed: {1}", address, e.getMessage());
            return false;
        }
    }

    NsqAddress address() {
        return address;
    }

    IdentifyResponse identity() {
        return identity;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket; the reader thread then ends and reports onClosed with a null cause. */
    @Override
    public void close() {
        closed.set(true);
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", address, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
