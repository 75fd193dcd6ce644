package io.nsqj.client;

import io.nsqj.protocol.FrameType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to one nsqd over one TCP connection. Thread-safe: commands are written under a lock that also
 * queues their futures, so nsqd's answers (which come in command order) complete them in order. The
 * connection is opened on the first publish and again on the publish after it was lost.
 */
public final class Producer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Producer.class.getName());

    private final NsqAddress address;
    private final ClientConfig config;
    private final PublishBatcher batcher;
    private final Object lock = new Object();
    private Session session;
    private boolean closed;

    public Producer(String address, ClientConfig config) {
        this(NsqAddress.parse(address), config);
    }

    public Producer(NsqAddress address, ClientConfig config) {
        this.address = address;
        this.config = config;
        this.batcher = config.publishBatchSize() > 1
                ? new PublishBatcher(config.publishBatchSize(), config.publishBatchDelay(), this::multiPublishAsync)
                : null;
    }

    /** PUB, waiting for nsqd's answer; throws {@link NsqErrorException} with nsqd's code when it refuses. */
    public void publish(String topic, byte[] body) {
        await(send(Commands.publish(topic, body)));
    }

    /** PUB without waiting; with batching configured, the message may travel in an MPUB with others. */
    public CompletableFuture<Void> publishAsync(String topic, byte[] body) {
        if (batcher != null) {
            Commands.requireTopic(topic);
            return batcher.add(topic, body);
        }
        return send(Commands.publish(topic, body));
    }

    /** MPUB: all the messages or none. */
    public void multiPublish(String topic, List<byte[]> bodies) {
        await(multiPublishAsync(topic, bodies));
    }

    public CompletableFuture<Void> multiPublishAsync(String topic, List<byte[]> bodies) {
        return send(Commands.multiPublish(topic, bodies));
    }

    /** DPUB: the message reaches consumers after the delay. */
    public void deferredPublish(String topic, Duration delay, byte[] body) {
        await(deferredPublishAsync(topic, delay, body));
    }

    public CompletableFuture<Void> deferredPublishAsync(String topic, Duration delay, byte[] body) {
        return send(Commands.deferredPublish(topic, delay, body));
    }

    public NsqAddress address() {
        return address;
    }

    private CompletableFuture<Void> send(byte[] command) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                answer.completeExceptionally(new NsqException("producer for " + address + " is closed"));
                return answer;
            }
            Session s;
            try {
                s = connectedSession();
            } catch (IOException | NsqException e) {
                answer.completeExceptionally(new NsqException("cannot connect to " + address + ": " + e.getMessage(), e));
                return answer;
            }
            s.pending.add(answer);
            try {
                s.connection.write(command);
            } catch (IOException e) {
                // the reader thread fails every pending answer, this one included, once the socket is closed
                session = null;
                s.connection.close();
            }
        }
        return answer;
    }

    private Session connectedSession() throws IOException {
        if (session == null || session.connection.isClosed()) {
            NsqConnection connection = NsqConnection.open(address, config);
            Session s = new Session(connection);
            connection.startReading(s, "nsqj-producer-" + address);
            session = s;
        }
        return session;
    }

    private static void await(CompletableFuture<Void> answer) {
        try {
            answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NsqException nsq) {
                throw nsq;
            }
            throw e;
        }
    }

    /** Sends what batching still holds and waits (up to the stop timeout) for its answers, then closes. */
    @Override
    public void close() {
        if (batcher != null) {
            try {
                batcher.flushAndStop().get(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "batched messages to {0} not confirmed: {1}", address, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Session s;
        synchronized (lock) {
            closed = true;
            s = session;
            session = null;
        }
        if (s != null) {
            s.connection.close();
        }
    }

    /** One connection with the futures of its commands still waiting for an answer, oldest first. */
    private final class Session implements NsqConnection.Listener {
        final NsqConnection connection;
        final Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();

        Session(NsqConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onFrame(NsqConnection c, Frame frame) {
            CompletableFuture<Void> answer = pending.poll();
            if (answer == null) {
                LOG.log(System.Logger.Level.WARNING, "{0} sent an unexpected frame: {1}", address, frame.text());
            } else if (frame.type() == FrameType.ERROR) {
                // every error nsqd answers to PUB/MPUB/DPUB is fatal: it closes the connection, so the next
                // publish must not be written to this one; retire it before the caller can publish again
                retire();
                connection.close();
                answer.completeExceptionally(NsqErrorException.fromFrame(frame.text()));
            } else {
                answer.complete(null);
            }
        }

        @Override
        public void onClosed(NsqConnection c, Throwable cause) {
            retire();
            NsqException lost = new NsqException("connection to " + address + " lost", cause);
            CompletableFuture<Void> answer;
            while ((answer = pending.poll()) != null) {
                answer.completeExceptionally(lost);
            }
        }

        private void retire() {
            synchronized (lock) {
                if (session == this) {
                    session = null;
                }
            }
        }
    }
}
