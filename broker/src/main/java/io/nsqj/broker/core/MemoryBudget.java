package io.nsqj.broker.core;

/**
 * The heap that the memory queues of one loop's topics and channels may fill together. --mem-queue-size
 * counts messages, whatever their size; this bounds their bytes, so large messages go to the disk queue
 * (or, without one, are dropped as by a full ephemeral queue) before they can exhaust the heap.
 * Owned by its loop like the queues that share it: no atomics on the message path.
 */
public final class MemoryBudget {
    /** What a queued message costs beyond its body: the Message object and the body array's header. */
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

    public long usedBytes() {
        return usedBytes;
    }

    private static long cost(Message m) {
        return (long) m.body.length + MESSAGE_OVERHEAD;
    }
}
