package io.nsqj.broker.core;

/** The per-client counters a channel keeps, as /stats shows them. */
public record SubscriptionCounts(int state, long readyCount, long inFlightCount, long messageCount,
                                 long finishCount, long requeueCount) {
}
