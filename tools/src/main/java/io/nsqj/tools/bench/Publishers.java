package io.nsqj.tools.bench;

import io.nsqj.tools.cli.ToolExit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** bench_writer's producer connections: all connected and identified first, then started at once. */
final class Publishers {
    private final List<PublishConnection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch go = new CountDownLatch(1);
    private long startNanos;
    private long endNanos;

    /** @param rate messages per second over all connections, 0 for as fast as possible */
    Publishers(InetSocketAddress address, String topic, int size, int batchSize, int concurrency, double rate)
            throws IOException {
        for (int i = 0; i < concurrency; i++) {
            PublishConnection c = new PublishConnection(address, topic, size, batchSize, rate / concurrency, go);
            connections.add(c);
            Thread t = new Thread(c, "bench-writer-" + i);
            threads.add(t);
            t.start();
        }
    }

    /** @param messages how many to publish at most (0: no limit), rounded up to whole batches per connection */
    void start(long runNanos, long messages, int batchSize) {
        long perConnection = messages <= 0 ? Long.MAX_VALUE
                : (messages + (long) batchSize * connections.size() - 1) / ((long) batchSize * connections.size());
        startNanos = System.nanoTime();
        for (PublishConnection c : connections) {
            c.until(startNanos + runNanos, perConnection);
        }
        go.countDown();
    }

    /** Waits for every connection to end; returns the messages published, or fails with the first error. */
    long await() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        endNanos = System.nanoTime();
        long total = 0;
        for (PublishConnection c : connections) {
            if (c.failure() != null) {
                throw ToolExit.fatal("publishing failed: " + c.failure().getMessage());
            }
            total += c.messages();
        }
        return total;
    }

    long durationNanos() {
        return endNanos - startNanos;
    }
}
