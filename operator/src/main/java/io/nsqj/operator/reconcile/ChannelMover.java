package io.nsqj.operator.reconcile;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves one channel's messages off a pod that is being scaled away: it consumes them there as an ordinary NSQ
 * consumer and FINs each only after the batch holding it was accepted elsewhere. A crash or a refused batch
 * leaves the messages on the old pod (they time out or are requeued, and are delivered again): at least once,
 * nothing lost.
 */
final class ChannelMover implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChannelMover.class);
    private static final int BATCH = 200;

    /** Where a batch of bodies goes; throws when it was not accepted. */
    @FunctionalInterface
    interface Destination {
        void accept(List<byte[]> bodies);
    }

    private final String what;
    private final Destination destination;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final Consumer consumer;
    private final Thread forwarder;
    private final AtomicLong moved = new AtomicLong();
    private volatile boolean closing;

    ChannelMover(String sourceTcpAddress, String topic, String channel, Destination destination) {
        this.what = topic + "/" + channel + " from " + sourceTcpAddress;
        this.destination = destination;
        this.consumer = new Consumer(topic, channel, m -> {
            m.disableAutoResponse();
            received.add(m);
        }, ClientConfig.builder().maxInFlight(BATCH).clientId("nsq-operator-mover").build());
        this.forwarder = new Thread(this::forward, "nsq-mover-" + topic + "/" + channel);
        this.forwarder.setDaemon(true);
        this.forwarder.start();
        this.consumer.connectToNsqd(sourceTcpAddress);
    }

    long moved() {
        return moved.get();
    }

    private void forward() {
        List<Message> batch = new ArrayList<>(BATCH);
        while (!closing || !received.isEmpty()) {
            try {
                Message first = received.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                received.drainTo(batch, BATCH - 1);
                List<byte[]> bodies = batch.stream().map(Message::body).toList();
                try {
                    destination.accept(bodies);
                    batch.forEach(Message::finish);
                    moved.addAndGet(batch.size());
                } catch (RuntimeException e) {
                    LOG.warnf("moving %s: a batch of %d was refused, requeued: %s", what, batch.size(), e.getMessage());
                    batch.forEach(m -> m.requeueWithoutBackoff(Duration.ZERO));
                    Thread.sleep(1000);
                }
                batch.clear();
            } catch (InterruptedException e) {
                batch.forEach(m -> m.requeueWithoutBackoff(Duration.ZERO));
                return;
            }
        }
    }

    /** Stops consuming; what was received and not yet forwarded is still forwarded or requeued first. */
    @Override
    public void close() {
        closing = true;
        consumer.stop();
        try {
            forwarder.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (forwarder.isAlive()) {
            forwarder.interrupt();
        }
    }
}
