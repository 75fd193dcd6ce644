package io.nsqj.broker.core;

import java.util.List;

/** One channel in /stats, field for field as nsqd's ChannelStats. */
public record ChannelStats(
        String channelName,
        long depth,
        long backendDepth,
        long inFlightCount,
        long deferredCount,
        long messageCount,
        long requeueCount,
        long timeoutCount,
        int clientCount,
        List<ClientStats> clients,
        boolean paused,
        LatencySummary e2eProcessingLatency) {
}
