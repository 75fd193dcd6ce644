package io.nsqj.tools.tonsq;

import io.nsqj.client.Producer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes each message to every nsqd, as NSQ's to_nsq does, without waiting for each answer: up to a window
 * of publishes are on their way at once, in input order on each connection. The first refusal or lost
 * connection ends publishing; {@link #drain()} waits until every publish sent has its answer.
 */
final class FanOutPublisher {
    private static final int WINDOW = 1024;

    private final List<Producer> producers;
    private final int window;
    private final Semaphore unanswered;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Guarded by this: after close, nothing more is sent. */
    private boolean closed;

    FanOutPublisher(List<Producer> producers) {
        this.producers = List.copyOf(producers);
        this.window = Math.max(WINDOW, producers.size());
        this.unanswered = new Semaphore(window);
    }

    /**
     * Sends the message to every nsqd; false when publishing is over (closed, or a publish failed), so the
     * message went nowhere: a message reaches all the nsqds or none.
     */
    boolean publish(String topic, byte[] body) throws InterruptedException {
        unanswered.acquire(producers.size());
        synchronized (this) {
            if (closed || failure.get() != null) {
                unanswered.release(producers.size());
                return false;
            }
            for (Producer p : producers) {
                CompletableFuture<Void> answer;
                try {
                    answer = p.publishAsync(topic, body);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((ok, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                    unanswered.release();
                });
            }
        }
        return failure.get() == null;
    }

    /** Nothing more is sent after this returns. */
    synchronized void close() {
        closed = true;
    }

    /** Waits until every publish sent so far has its answer. */
    void drain() throws InterruptedException {
        unanswered.acquire(window);
        unanswered.release(window);
    }

    /** The first publish that failed, or null. */
    Throwable failure() {
        return failure.get();
    }
}
