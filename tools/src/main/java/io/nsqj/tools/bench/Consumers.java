package io.nsqj.tools.bench;

import io.nsqj.tools.cli.ToolExit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench_reader's consumer connections: all subscribed first, then RDY at once; they end together, when the
 * run time is over or when the messages expected have all come.
 */
final class Consumers {
    private final List<ConsumeConnection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch go = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch targetReached = new CountDownLatch(1);
    private long startNanos;
    private long endNanos;

    /** @param target stop once this many messages came (0: run for the whole time) */
    Consumers(InetSocketAddress address, String topic, String channel, int rdy, int concurrency, long target)
            throws IOException {
        for (int i = 0; i < concurrency; i++) {
            ConsumeConnection c = new ConsumeConnection(address, topic, channel, rdy, go, received, target, targetReached);
            connections.add(c);
            Thread t = new Thread(c, "bench-reader-" + i);
            threads.add(t);
            t.start();
        }
    }

    void start() {
        startNanos = System.nanoTime();
        go.countDown();
    }

    long received() {
        return received.get();
    }

    /**
     * Waits until {@code runFor} after start or until the expected messages came, whichever is first, then
     * closes every connection; returns the messages received, or fails with the first error.
     */
    long stopAfter(Duration runFor) throws InterruptedException {
        long left = runFor.toNanos() - (System.nanoTime() - startNanos);
        targetReached.await(Math.max(0, left), TimeUnit.NANOSECONDS);
        endNanos = System.nanoTime();
        for (ConsumeConnection c : connections) {
            c.close();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (ConsumeConnection c : connections) {
            if (c.failure() != null) {
                throw ToolExit.fatal("consuming failed: " + c.failure().getMessage());
            }
            total += c.messages();
        }
        return total;
    }

    long durationNanos() {
        return endNanos - startNanos;
    }

    LatencyHistogram latencies() {
        LatencyHistogram all = new LatencyHistogram();
        for (ConsumeConnection c : connections) {
            all.add(c.latencies());
        }
        return all;
    }
}
