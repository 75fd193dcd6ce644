package io.nsqj.broker.core;

import java.util.concurrent.Executor;

/**
 * The single thread that owns a topic and everything inside it (channels, queues, subscriptions).
 * Work from other threads is handed over with {@link #execute}, so the domain needs no locks.
 */
public interface OwnerLoop extends Executor {
    boolean inLoop();

    /** Runs the task on the loop every {@code periodMillis}; the returned handle stops it. */
    AutoCloseable schedulePeriodic(long periodMillis, Runnable task);

    /** Runs the task here when already on the loop, else hands it over. */
    default void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }
}
