package io.nsqj.broker.core;

import io.nsqj.broker.storage.DiskQueue;
import io.nsqj.broker.storage.QueueSync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A topic's fsyncs in {@link SyncMode#ALWAYS}: the topic's loop writes, notes which files it touched and who
 * waits for durability; one round at a time then fsyncs all of them on a disk thread and completes every
 * waiter at once. Whatever arrives during a round waits for the next one, so one fsync serves many publishes.
 *
 * <p>A round forces the queues' data, then the channels' pending logs, then stores the queues' read
 * positions: a message moved from one file to another is durable in the second before the first forgets it.
 * Owned by the topic's loop, except the round itself.
 */
final class GroupCommit {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private final OwnerLoop loop;
    private final Executor diskExecutor;
    private final Set<DiskQueue> dirtyQueues = new LinkedHashSet<>();
    private final Set<Channel> dirtyLogs = new LinkedHashSet<>();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean roundRunning;
    private boolean roundScheduled;

    GroupCommit(OwnerLoop loop, Executor diskExecutor) {
        this.loop = loop;
        this.diskExecutor = diskExecutor;
    }

    void queueChanged(DiskQueue queue) {
        dirtyQueues.add(queue);
    }

    void pendingLogChanged(Channel channel) {
        dirtyLogs.add(channel);
    }

    /** Completes once everything written so far is durable, exceptionally when an fsync failed. */
    CompletableFuture<Void> durable() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.add(f);
        scheduleRound();
        return f;
    }

    /** From the periodic scan: stores read positions that consumers advanced, bounding redelivery after a crash. */
    void syncIfDirty() {
        if (!dirtyQueues.isEmpty() || !dirtyLogs.isEmpty()) {
            scheduleRound();
        }
    }

    private void scheduleRound() {
        if (!roundRunning && !roundScheduled) {
            roundScheduled = true;
            // after the tasks already queued on the loop, so that the publishes of one read share the round
            loop.execute(this::startRound);
        }
    }

    private void startRound() {
        roundScheduled = false;
        if (roundRunning) {
            return;
        }
        List<QueueSync> queues = new ArrayList<>(dirtyQueues.size());
        List<Runnable> logs = new ArrayList<>(dirtyLogs.size());
        List<CompletableFuture<Void>> completing = waiting;
        waiting = new ArrayList<>();
        IOException prepareFailure = null;
        try {
            for (Channel channel : dirtyLogs) {
                if (!channel.isDeleted()) {
                    logs.add(channel.preparePendingLogSync());
                }
            }
            for (DiskQueue queue : dirtyQueues) {
                if (queue.isOpen()) {
                    queues.add(queue.prepareSync());
                }
            }
        } catch (IOException e) {
            prepareFailure = e;
        }
        if (prepareFailure != null) {
            // everything stays dirty: the next round (the periodic scan starts one) tries again
            finishRound(completing, prepareFailure);
            return;
        }
        dirtyQueues.clear();
        dirtyLogs.clear();
        roundRunning = true;
        diskExecutor.execute(() -> {
            Throwable failure = null;
            try {
                for (QueueSync q : queues) {
                    q.force();
                }
                for (Runnable log : logs) {
                    log.run();
                }
                for (QueueSync q : queues) {
                    q.writeMetadata();
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            Throwable outcome = failure;
            loop.execute(() -> {
                roundRunning = false;
                finishRound(completing, outcome);
                if (!waiting.isEmpty()) {
                    scheduleRound();
                }
            });
        });
    }

    private void finishRound(List<CompletableFuture<Void>> completing, Throwable failure) {
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "fsync failed; " + completing.size()
                    + " publishes are answered with an error", failure);
        }
        for (CompletableFuture<Void> f : completing) {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        }
    }
}
