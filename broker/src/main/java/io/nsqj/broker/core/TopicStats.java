package io.nsqj.broker.core;

import java.util.List;

/** One topic in /stats, field for field as nsqd's TopicStats. */
public record TopicStats(
        String topicName,
        List<ChannelStats> channels,
        long depth,
        long backendDepth,
        long messageCount,
        long messageBytes,
        boolean paused,
        LatencySummary e2eProcessingLatency) {
}
