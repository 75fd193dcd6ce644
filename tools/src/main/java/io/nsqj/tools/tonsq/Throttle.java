package io.nsqj.tools.tonsq;

import java.util.concurrent.TimeUnit;

/**
 * to_nsq's -rate: at most {@code rate} messages a second. As NSQ's, it starts with room for one message and
 * saves up unused room while input is idle, but never more than one second's worth. Used by the reading
 * thread only.
 */
final class Throttle {
    private final long rate;
    private final long nanosPerMessage;
    private double balance = 1;
    private long last = System.nanoTime();

    Throttle(long rate) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1: " + rate);
        }
        this.rate = rate;
        this.nanosPerMessage = TimeUnit.SECONDS.toNanos(1) / rate;
    }

    /** Waits until one more message may go. */
    void acquire() throws InterruptedException {
        refill();
        while (balance < 1) {
            TimeUnit.NANOSECONDS.sleep((long) Math.ceil((1 - balance) * nanosPerMessage));
            refill();
        }
        balance -= 1;
    }

    private void refill() {
        long now = System.nanoTime();
        balance = Math.min(rate, balance + (double) (now - last) / nanosPerMessage);
        last = now;
    }
}
