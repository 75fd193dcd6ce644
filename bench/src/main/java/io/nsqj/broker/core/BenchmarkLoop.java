package io.nsqj.broker.core;

import java.util.ArrayDeque;

/**
 * The topic's loop played by the benchmark thread: handed-over tasks (a channel's delivery pump) run when the
 * benchmark calls {@link #runPending()}; periodic scans (timeouts, syncs) never run.
 */
final class BenchmarkLoop implements OwnerLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public AutoCloseable schedulePeriodic(long periodMillis, Runnable task) {
        return () -> { };
    }

    void runPending() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }
}
