package io.nsqj.broker.core;

/**
 * The heap budgets of one loop's topics and channels. {@code queued}: messages in memory queues; beyond it they
 * go to disk (or are dropped by an ephemeral queue, as when full). {@code inFlight}: messages delivered and not
 * yet finished; beyond it a channel delivers no more until some are finished (one at a time per channel is
 * always allowed), however high its clients set RDY.
 */
public record LoopMemory(MemoryBudget queued, MemoryBudget inFlight) {

    public static LoopMemory unlimited() {
        return new LoopMemory(MemoryBudget.unlimited(), MemoryBudget.unlimited());
    }
}
