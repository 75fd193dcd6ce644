package io.nsqj.broker.core;

import io.nsqj.broker.storage.DiskQueue;
import io.nsqj.broker.storage.ReadPin;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * nsqd's "memory queue, then backend": up to mem-queue-size messages in memory, the rest in a disk queue.
 * In memory, the queue holds references to records of its topic's {@link MessageStore}, which the topic's
 * other queues may share; a Message object is made only for the message at the head.
 * An ephemeral queue has no disk: what does not fit in memory is dropped, as nsqd's dummy backend does.
 * In {@link SyncMode#ALWAYS} ({@code commit} not null) a queue with a disk keeps nothing in memory and leaves
 * every fsync to the topic's {@link GroupCommit}.
 * Owned by the topic's loop; only fsync runs elsewhere (on {@code blockingExecutor}).
 */
final class BackedQueue {
    private static final System.Logger LOG = System.getLogger(BackedQueue.class.getName());

    private final RefRing memory = new RefRing();
    private final int memoryCapacity;
    private final MessageStore store;
    private final DiskQueue disk;
    private final Executor blockingExecutor;
    private final long syncTimeoutMillis;
    private final GroupCommit commit;
    private long lastSyncAt = System.currentTimeMillis();
    private boolean dirty;
    /** The disk's next message, decoded by {@link #peek()} and not yet polled. */
    private Message diskHead;
    /** The memory's first record, read by {@link #peek()} and not yet polled. */
    private Message memoryHead;
    private boolean lastPollFromDisk;

    BackedQueue(int memoryCapacity, MessageStore store, DiskQueue disk, Executor blockingExecutor,
                long syncTimeoutMillis, GroupCommit commit) {
        this.memoryCapacity = commit != null && disk != null ? 0 : memoryCapacity;
        this.store = store;
        this.commit = commit;
        this.disk = disk;
        this.blockingExecutor = blockingExecutor;
        this.syncTimeoutMillis = syncTimeoutMillis;
    }

    /**
     * Returns false only when an ephemeral queue is full and the message was dropped. The queue keeps no
     * reference to {@code m}.
     */
    boolean put(Message m) throws IOException {
        if (memory.size() < memoryCapacity) {
            long ref = store.hold(m);
            if (ref != 0) {
                memory.add(ref);
                return true;
            }
        }
        if (disk == null) {
            return false;
        }
        writeToDisk(m);
        return true;
    }

    private void writeToDisk(Message m) throws IOException {
        disk.put(m.encodeQueued());
        if (commit != null) {
            commit.queueChanged(disk);
            return;
        }
        dirty = true;
        if (disk.syncDue()) {
            syncInBackground();
        }
    }

    /** Until {@link #releaseWrites()}, what goes to disk is written there in one call (see {@link DiskQueue#holdWrites}). */
    void holdWrites() {
        if (disk != null) {
            disk.holdWrites();
        }
    }

    /**
     * Writes what waited since {@link #holdWrites()}. When that fails the publish is refused, though part of it may
     * already be in the file (a segment rolled, the buffer filled): a client that publishes again may then leave a
     * duplicate, never a loss.
     */
    void releaseWrites() throws IOException {
        if (disk != null) {
            disk.releaseWrites();
        }
    }

    /** The message {@link #poll()} would return, left in the queue. */
    Message peek() {
        if (diskHead != null) {
            return diskHead;
        }
        if (memoryHead != null) {
            return memoryHead;
        }
        if (!memory.isEmpty()) {
            long ref = memory.peek();
            memoryHead = store.read(ref);
            // until polled, this queue's reference keeps the record, so the head may be passed on without a copy
            memoryHead.storeRef = ref;
            return memoryHead;
        }
        if (disk == null) {
            return null;
        }
        while (true) {
            try {
                diskHead = disk.peek(Message::decodeQueued);
                return diskHead;
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.ERROR, "failed to decode message - " + e.getMessage());
                consumeDiskRecord();
            }
        }
    }

    Message poll() {
        Message m = peek();
        if (m == null) {
            return null;
        }
        lastPollFromDisk = m == diskHead;
        if (lastPollFromDisk) {
            diskHead = null;
            consumeDiskRecord();
        } else {
            memoryHead = null;
            m.storeRef = 0;
            store.release(memory.poll());
        }
        return m;
    }

    private void consumeDiskRecord() {
        disk.skip();
        if (commit != null) {
            commit.queueChanged(disk);
        }
    }

    /**
     * For a message just polled from the disk that is not yet durable anywhere else: the stored read position
     * stays before it until {@link ReadPin} is given back to {@link #unpin}. Null when it came from memory.
     */
    ReadPin pinLastPolled() {
        return lastPollFromDisk ? disk.pinLastPolled() : null;
    }

    void unpin(ReadPin pin) {
        disk.unpin(pin);
    }

    boolean isEmpty() {
        return memory.isEmpty() && (disk == null || disk.depth() == 0);
    }

    long depth() {
        return memory.size() + backendDepth();
    }

    long backendDepth() {
        return disk == null ? 0 : disk.depth();
    }

    long backendBytes() {
        return disk == null ? 0 : disk.unreadBytes();
    }

    /** Called from the periodic scan: fsyncs data older than --sync-timeout. */
    void syncIfStale(long now) {
        if (commit == null && dirty && disk != null && now - lastSyncAt >= syncTimeoutMillis) {
            syncInBackground();
        }
    }

    private void syncInBackground() {
        Runnable sync = disk.prepareSync();
        dirty = false;
        lastSyncAt = System.currentTimeMillis();
        blockingExecutor.execute(() -> {
            try {
                sync.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "disk queue sync failed", e);
            }
        });
    }

    void empty() throws IOException {
        clearMemory();
        diskHead = null;
        if (disk != null) {
            disk.empty();
        }
    }

    /** Graceful shutdown: what is in memory goes to disk, after what is already there. */
    void persist(Iterable<Message> extra) throws IOException {
        if (disk == null) {
            return;
        }
        for (int i = 0; i < memory.size(); i++) {
            disk.put(store.read(memory.get(i)).encodeQueued());
        }
        clearMemory();
        for (Message m : extra) {
            disk.put(m.encodeQueued());
        }
        disk.close();
    }

    void deleteFiles() throws IOException {
        clearMemory();
        diskHead = null;
        if (disk != null) {
            disk.deleteFiles();
        }
    }

    private void clearMemory() {
        memoryHead = null;
        memory.forEach(store::release);
        memory.clear();
    }
}
