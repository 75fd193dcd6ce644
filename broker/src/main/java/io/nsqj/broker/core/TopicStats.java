package io.nsqj.broker.core;

import java.util.List;

/**
 * One topic in /stats, field for field as nsqd's TopicStats, plus backendBytes for /q/metrics, which /stats
 * leaves out to stay as nsqd 1.3 has it.
 */
public record TopicStats(
        String topicName,
        List<ChannelStats> channels,
        long depth,
        long backendDepth,
        long backendBytes,
        long messageCount,
        long messageBytes,
        boolean paused,
        LatencySummary e2eProcessingLatency) {
}
