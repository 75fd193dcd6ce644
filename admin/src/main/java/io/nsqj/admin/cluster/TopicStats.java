package io.nsqj.admin.cluster;

import java.util.List;

/** A topic on one nsqd ({@code node} is its host:http_port), from that nsqd's /stats. */
public record TopicStats(String node, String topicName, long depth, long backendDepth, long messageCount,
                         boolean paused, List<ChannelStats> channels) {

    public long memoryDepth() {
        return depth - backendDepth;
    }
}
