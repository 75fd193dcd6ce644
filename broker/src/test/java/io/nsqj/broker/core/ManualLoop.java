package io.nsqj.broker.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An owner loop driven by the test: tasks wait until {@link #runPending()}, periodic ones until {@link #tick()}. */
final class ManualLoop implements OwnerLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Runnable> periodic = new ArrayList<>();

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
        periodic.add(task);
        return () -> periodic.remove(task);
    }

    void runPending() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    void tick() {
        new ArrayList<>(periodic).forEach(Runnable::run);
        runPending();
    }
}
