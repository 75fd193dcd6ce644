package io.nsqj.broker.core;

/**
 * The memory budgets of one loop's topics and channels. {@code queued}: messages in memory queues (direct memory,
 * in the topics' {@link MessageStore}s; a record counts once however many queues hold it); beyond it they
 * go to disk (or are dropped by an ephemeral queue, as when full). {@code inFlight} (heap): messages delivered and not
 * yet finished; beyond it a channel delivers no more until some are finished (one at a time per channel is
 * always allowed), however high its clients set RDY. {@code deferred} (heap): messages waiting for their time
 * (DPUB, REQ with a delay); beyond it a durable channel keeps them in its {@link DeferredSpill} on disk.
 */
public record LoopMemory(MemoryBudget queued, MemoryBudget inFlight, MemoryBudget deferred) {

    public static LoopMemory unlimited() {
        return new LoopMemory(MemoryBudget.unlimited(), MemoryBudget.unlimited(), MemoryBudget.unlimited());
    }
}
