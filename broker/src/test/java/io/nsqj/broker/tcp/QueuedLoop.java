package io.nsqj.broker.tcp;

import io.nsqj.broker.core.OwnerLoop;

import java.util.ArrayDeque;

/**
 * An owner loop that runs handed-over tasks only when the test drains it, as if every topic and the
 * connection each had a loop of their own. Periodic tasks (scans of timeouts) never run.
 */
final class QueuedLoop implements OwnerLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public boolean inLoop() {
        return false;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public AutoCloseable schedulePeriodic(long periodMillis, Runnable task) {
        return () -> { };
    }

    /** Tasks handed over and not run yet. */
    int pending() {
        return tasks.size();
    }

    void drain() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }
}
