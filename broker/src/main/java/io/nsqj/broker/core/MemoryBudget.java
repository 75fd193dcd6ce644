package io.nsqj.broker.core;

/**
 * Memory that messages of one loop's topics and channels may fill together (see {@link LoopMemory}): the
 * counts that bound them (--mem-queue-size, RDY) say nothing of message sizes. Owned by its loop like the
 * queues and channels that share it: no atomics on the message path.
 */
public final class MemoryBudget {
    /** What a message in flight or deferred costs beyond its body: the Message object and the body array's header. */
    static final int MESSAGE_OVERHEAD = 96;

    private final long limitBytes;
    private long usedBytes;

    public MemoryBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("memory budget must not be negative");
        }
        this.limitBytes = limitBytes;
    }

    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    boolean fits(Message m) {
        return usedBytes + cost(m) <= limitBytes;
    }

    /** Takes room for the message, even beyond the limit: for callers that checked {@link #fits} or must go on. */
    void reserve(Message m) {
        usedBytes += cost(m);
    }

    /** Takes room for the message if there is some. */
    boolean tryReserve(Message m) {
        long cost = cost(m);
        if (usedBytes + cost > limitBytes) {
            return false;
        }
        usedBytes += cost;
        return true;
    }

    void release(Message m) {
        usedBytes -= cost(m);
    }

    /** Takes {@code bytes} if there is room for them. */
    boolean tryReserve(long bytes) {
        if (usedBytes + bytes > limitBytes) {
            return false;
        }
        usedBytes += bytes;
        return true;
    }

    void release(long bytes) {
        usedBytes -= bytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    private static long cost(Message m) {
        return (long) m.body.length + MESSAGE_OVERHEAD;
    }
}
