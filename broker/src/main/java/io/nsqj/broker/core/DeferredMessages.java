package io.nsqj.broker.core;

import java.util.function.Consumer;

/**
 * A channel's deferred messages in memory, ordered by when they are due ({@link Message#deadline}). Their
 * bodies count against the loop's deferred {@link MemoryBudget}; beyond it a durable channel sends further
 * deferrals to its {@link DeferredSpill}. Owned by the channel's loop.
 */
final class DeferredMessages {
    private final TimeoutQueue byDeadline = new TimeoutQueue();
    private final MemoryBudget budget;

    DeferredMessages(MemoryBudget budget) {
        this.budget = budget;
    }

    boolean hasRoomFor(Message m) {
        return budget.fits(m);
    }

    /** Adds the message, due at its {@link Message#deadline}, even beyond the budget. */
    void add(Message m) {
        byDeadline.add(m);
        budget.reserve(m);
    }

    /** The next message due at {@code now}, removed, or null. */
    Message pollDue(long now) {
        Message m = byDeadline.pollDue(now);
        if (m != null) {
            budget.release(m);
        }
        return m;
    }

    void forEach(Consumer<Message> action) {
        byDeadline.forEach(action);
    }

    /** Removes every message, handing each to {@code sink}. */
    void drainTo(Consumer<Message> sink) {
        byDeadline.drainTo(m -> {
            budget.release(m);
            sink.accept(m);
        });
    }

    int size() {
        return byDeadline.size();
    }
}
