package io.nsqj.broker.core;

import java.io.IOException;

/**
 * A durable channel's deferred messages that found no room in memory (the loop's deferred budget): they wait
 * in a disk queue of their own, in arrival order, each record carrying its due time. The periodic scan brings
 * them back, into memory as room returns and into the channel's queue once due. While memory stays full,
 * the file is read through (records not yet due are written again at its end) only when something in it
 * may be due, so a large spill costs no I/O until then.
 * Owned by the channel's loop.
 */
final class DeferredSpill {

    /** Where spilled messages go back to: the channel. */
    interface Target {
        /** A message whose time has come, into the channel's queue; throws when the disk refuses it. */
        void takeDue(Message m) throws IOException;

        /** A message to wait in memory, if there is room; false leaves it here. */
        boolean tryTakeDeferred(Message m);
    }

    /** Opens the spill's disk queue; for a fresh channel that happens at the first spill only. */
    interface Opener {
        BackedQueue open() throws IOException;
    }

    private final Opener opener;
    private BackedQueue queue;
    /** No record here is due before this (epoch millis); 0 when unknown, as after a restart. */
    private long earliestDue;
    /** Records left to visit in the current pass through the file, 0 outside a pass. */
    private long passRemaining;
    private long passEarliestDue;

    /**
     * {@code opener}'s queue keeps nothing in memory: everything put goes to its disk queue. It is opened now
     * when {@code onDisk} (left by an earlier run), else at the first put: most channels never spill.
     */
    DeferredSpill(Opener opener, boolean onDisk) throws IOException {
        this.opener = opener;
        if (onDisk) {
            queue = opener.open();
        }
    }

    /** Stores a message due at its {@link Message#dueAtMillis}; throws when the disk refuses it. */
    void put(Message m) throws IOException {
        if (queue == null) {
            queue = opener.open();
            earliestDue = Long.MAX_VALUE;
        }
        queue.put(m);
        earliestDue = Math.min(earliestDue, m.dueAtMillis);
        passEarliestDue = Math.min(passEarliestDue, m.dueAtMillis);
    }

    long depth() {
        return queue == null ? 0 : queue.depth();
    }

    /**
     * Moves up to {@code limit} records on to {@code target}. Throws when a disk refused a write; the record
     * stays and is tried again on the next call.
     */
    void drain(long now, int limit, Target target) throws IOException {
        if (queue == null) {
            return;
        }
        for (int i = 0; i < limit; i++) {
            Message m = queue.peek();
            if (m == null) {
                earliestDue = Long.MAX_VALUE;
                passRemaining = 0;
                return;
            }
            if (m.dueAtMillis <= now) {
                target.takeDue(m);
            } else if (!target.tryTakeDeferred(m)) {
                if (passRemaining == 0) {
                    if (now < earliestDue) {
                        return;
                    }
                    passRemaining = queue.depth();
                    passEarliestDue = Long.MAX_VALUE;
                }
                queue.put(m);
                passEarliestDue = Math.min(passEarliestDue, m.dueAtMillis);
            }
            queue.poll();
            if (passRemaining > 0 && --passRemaining == 0) {
                earliestDue = passEarliestDue;
            }
        }
    }

    void syncIfStale(long now) {
        if (queue != null) {
            queue.syncIfStale(now);
        }
    }

    void empty() throws IOException {
        if (queue != null) {
            queue.empty();
        }
        earliestDue = Long.MAX_VALUE;
        passRemaining = 0;
    }

    void persist() throws IOException {
        if (queue != null) {
            queue.persist(java.util.List.of());
        }
    }

    void deleteFiles() throws IOException {
        if (queue != null) {
            queue.deleteFiles();
        }
    }
}
