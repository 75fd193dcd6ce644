package io.nsqj.it;

import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A well-behaved producer and consumer on one topic, publishing at a steady pace on threads of their own
 * and recording each message's latency from PUB to delivery: the traffic that must keep flowing whatever
 * else the broker is put through.
 */
final class MeasuredPair implements AutoCloseable {
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final RawNsqConnection producer;
    private final RawNsqConnection consumer;
    private final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Set once the producer has stopped: from then on {@link #published} is final. */
    private final AtomicBoolean producerStopped = new AtomicBoolean();
    private final AtomicInteger published = new AtomicInteger();
    private final Thread producing;
    private final Thread consuming;
    private volatile Throwable failure;

    MeasuredPair(int tcpPort, String topic, String channel) {
        consumer = RawNsqConnection.open(tcpPort);
        consumer.command("SUB " + topic + " " + channel);
        expectOk(consumer.read());
        consumer.command("RDY 100");
        producer = RawNsqConnection.open(tcpPort);
        producing = new Thread(() -> guard(() -> {
            while (running.get()) {
                producer.pub(topic, Long.toString(System.nanoTime()));
                expectOk(producer.read());
                published.incrementAndGet();
                LockSupport.parkNanos(PACE_NANOS);
            }
        }), "measured-producer");
        consuming = new Thread(() -> guard(() -> {
            while (!producerStopped.get() || latenciesMillis.size() < published.get()) {
                // a bounded wait, so that the loop sees the end even when no message is left to come
                Optional<Frame> next = consumer.poll(Duration.ofMillis(100));
                if (next.isEmpty()) {
                    continue;
                }
                Frame f = next.get();
                if (f.type() != RawNsqConnection.FRAME_MESSAGE) {
                    throw new IllegalStateException("consumer got " + f);
                }
                latenciesMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - Long.parseLong(f.body())));
                consumer.command("FIN " + f.messageId());
            }
        }), "measured-consumer");
        producing.start();
        consuming.start();
    }

    private static void expectOk(Frame f) {
        if (!"OK".equals(f.text())) {
            throw new IllegalStateException("expected OK, got " + f);
        }
    }

    private void guard(Runnable loop) {
        try {
            loop.run();
        } catch (Throwable t) {
            failure = t;
            running.set(false);
        }
    }

    int delivered() {
        return latenciesMillis.size();
    }

    /** Stops publishing, waits for every published message to arrive, and returns their latencies, sorted. */
    List<Long> stop() throws InterruptedException {
        running.set(false);
        producing.join();
        producerStopped.set(true);
        consuming.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
            throw new AssertionError("the measured pair failed", failure);
        }
        if (consuming.isAlive() || latenciesMillis.size() != published.get()) {
            throw new AssertionError(latenciesMillis.size() + " of " + published.get() + " messages arrived");
        }
        List<Long> sorted = new ArrayList<>(latenciesMillis);
        Collections.sort(sorted);
        return sorted;
    }

    @Override
    public void close() {
        running.set(false);
        producer.close();
        consumer.close();
    }
}
