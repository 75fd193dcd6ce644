package io.nsqj.client;

import io.nsqj.protocol.FrameType;
import io.nsqj.protocol.Frames;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer's subscription on one nsqd: the RDY it was granted, the messages it holds, and closing with
 * CLS, after which nsqd answers CLOSE_WAIT, sends nothing more, and the connection closes itself once every
 * message it delivered is answered.
 */
final class ConsumerConnection implements NsqConnection.Listener, MessageResponder {
    private static final System.Logger LOG = System.getLogger(ConsumerConnection.class.getName());

    private final NsqConnection connection;
    private final Consumer consumer;
    /** Discovered through lookupd rather than given directly: it may be dropped, and is never reconnected. */
    private final boolean discovered;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile boolean closing;
    private volatile boolean closeWaitReceived;
    /** RDY sent last; guarded by the consumer's lock, which orders RDY changes across connections. */
    private int rdy;
    private long lastRdyNanos;

    ConsumerConnection(NsqConnection connection, Consumer consumer, boolean discovered) {
        this.connection = connection;
        this.consumer = consumer;
        this.discovered = discovered;
    }

    @Override
    public void onFrame(NsqConnection c, Frame frame) {
        switch (frame.type()) {
            case FrameType.MESSAGE -> {
                inFlight.incrementAndGet();
                lastMessageNanos = System.nanoTime();
                consumer.dispatch(Message.decode(frame.data(), this));
            }
            case FrameType.RESPONSE -> {
                if (Arrays.equals(frame.data(), Frames.CLOSE_WAIT)) {
                    closeWaitReceived = true;
                    closeIfDrained();
                }
            }
            case FrameType.ERROR ->
                // E_FIN_FAILED and the like: the message timed out and nsqd will deliver it again
                LOG.log(System.Logger.Level.WARNING, "{0} answered with error: {1}", connection, frame.text());
            default -> LOG.log(System.Logger.Level.WARNING, "{0} sent unknown frame type {1}", connection, frame.type());
        }
    }

    @Override
    public void onClosed(NsqConnection c, Throwable cause) {
        if (cause != null) {
            LOG.log(System.Logger.Level.WARNING, "connection to {0} lost: {1}", connection, cause.toString());
        }
        consumer.connectionClosed(this);
    }

    @Override
    public void finish(Message message) {
        connection.tryWrite(Commands.finish(message.id()));
        answered(Consumer.Outcome.SUCCESS);
    }

    @Override
    public void requeue(Message message, Duration delay, boolean backoff) {
        connection.tryWrite(Commands.requeue(message.id(), delay));
        answered(backoff ? Consumer.Outcome.FAILURE : Consumer.Outcome.NEUTRAL);
    }

    @Override
    public void touch(Message message) {
        connection.tryWrite(Commands.touch(message.id()));
    }

    private void answered(Consumer.Outcome outcome) {
        inFlight.decrementAndGet();
        consumer.messageAnswered(outcome);
        closeIfDrained();
    }

    /** CLS: nsqd stops delivering; the connection closes when its messages are answered. */
    void startClose() {
        if (!closing) {
            closing = true;
            if (!connection.tryWrite(Commands.CLS)) {
                connection.close();
            }
        }
    }

    private void closeIfDrained() {
        if (closing && closeWaitReceived && inFlight.get() == 0) {
            connection.close();
        }
    }

    void sendRdy(int count) {
        rdy = count;
        lastRdyNanos = System.nanoTime();
        connection.tryWrite(Commands.ready(count));
    }

    int rdy() {
        return rdy;
    }

    long lastRdyNanos() {
        return lastRdyNanos;
    }

    long lastMessageNanos() {
        return lastMessageNanos;
    }

    int maxRdy() {
        return connection.identity().maxRdyCount();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean isClosing() {
        return closing;
    }

    boolean isDiscovered() {
        return discovered;
    }

    NsqAddress address() {
        return connection.address();
    }

    void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
