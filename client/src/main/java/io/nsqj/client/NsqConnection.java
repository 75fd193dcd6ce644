package io.nsqj.client;

import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.nsqj.protocol.FrameType;
import io.vertx.core.json.JsonObject;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

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
    /** Replaced by its TLS layer when IDENTIFY upgrades; the reader and writer by compressing ones. */
    private Socket socket;
    private FrameReader reader;
    private OutputStream out;
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
        upgrade(config);
        if (identity.authRequired()) {
            if (config.authSecret() == null) {
                throw new NsqException(address + " requires AUTH: set ClientConfig's authSecret");
            }
            exchange(Commands.auth(config.authSecret()));
        }
    }

    /**
     * nsqd's order after IDENTIFY's answer: TLS, then snappy or deflate, each step confirmed by an OK that
     * already comes through the upgraded stream. The reader reads frames unbuffered, so nothing of the
     * upgraded stream was consumed with IDENTIFY's answer.
     */
    private void upgrade(ClientConfig config) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream rawOut = socket.getOutputStream();
        if (identity.tlsV1()) {
            TlsSettings tls = config.tls();
            SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory()
                    .createSocket(socket, address.host(), address.port(), true);
            ssl.setUseClientMode(true);
            if (tls.verifyHostname()) {
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
            }
            ssl.startHandshake();
            socket = ssl;
            in = ssl.getInputStream();
            rawOut = ssl.getOutputStream();
            useStreams(in, rawOut);
        }
        if (identity.snappy()) {
            rawOut = new SnappyFramedOutputStream(rawOut);
            rawOut.flush();
            in = new SnappyFramedInputStream(in, true);
            useStreams(in, rawOut);
        } else if (identity.deflate()) {
            // raw DEFLATE both ways; a sync flush on every flush() makes each command readable at once
            rawOut = new DeflaterOutputStream(rawOut, new Deflater(identity.deflateLevel(), true), true);
            in = new InflaterInputStream(in, new Inflater(true));
            useStreams(in, rawOut);
        }
    }

    /** Switches to the upgraded streams and reads the OK nsqd sends through them. */
    private void useStreams(InputStream in, OutputStream rawOut) throws IOException {
        reader = new FrameReader(in);
        out = new BufferedOutputStream(rawOut, 16 * 1024);
        Frame ok = reader.read();
        if (ok.type() == FrameType.ERROR) {
            throw NsqErrorException.fromFrame(ok.text());
        }
        if (ok.type() != FrameType.RESPONSE || !ok.text().equals("OK")) {
            throw new IOException("unexpected answer to a stream upgrade from " + address + ": " + ok.text());
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
                .put("tls_v1", config.tls() != null)
                .put("snappy", config.snappy())
                .put("deflate", config.deflate())
                .put("deflate_level", config.deflateLevel())
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
