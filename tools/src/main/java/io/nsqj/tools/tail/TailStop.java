package io.nsqj.tools.tail;

import io.nsqj.tools.cli.StopSignal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why nsq_tail stops: SIGINT/SIGTERM (messages already delivered are still shown), -n reached or stdout
 * failed (nothing more is shown: what is delivered after goes back to nsqd). Shared by every topic's handler.
 */
final class TailStop {
    private final StopSignal signal;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean finished;

    TailStop(StopSignal signal) {
        this.signal = signal;
    }

    /** -n messages shown. */
    void finish() {
        finished = true;
        signal.trigger();
    }

    /** Stdout cannot be written: the tool ends with status 1 and this message. */
    void fail(String message) {
        failure.compareAndSet(null, message);
        finish();
    }

    boolean isFinished() {
        return finished;
    }

    /** The first failure, or null. */
    String failure() {
        return failure.get();
    }

    void await() throws InterruptedException {
        signal.await();
    }
}
