package io.nsqj.broker.core;

import java.util.List;

/**
 * One channel in /stats, field for field as nsqd's ChannelStats, plus backendBytes for /q/metrics, which /stats
 * leaves out to stay as nsqd 1.3 has it.
 */
public record ChannelStats(
        String channelName,
        long depth,
        long backendDepth,
        long backendBytes,
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
