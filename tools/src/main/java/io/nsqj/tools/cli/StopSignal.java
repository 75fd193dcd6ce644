package io.nsqj.tools.cli;

import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT and SIGTERM as an event the tool handles, like Go's signal.Notify: the JVM does not start its
 * shutdown, so the tool can finish what is in flight, flush, close and FIN before it returns from main.
 */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Starts listening for SIGINT and SIGTERM. */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), sig -> s.stopped.countDown());
        }
        return s;
    }

    /** Also counts as a stop: for a tool that ends by itself (-n reached, end of input). */
    public void trigger() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Returns true when a stop came within the timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
