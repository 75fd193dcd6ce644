package io.nsqj.admin.cluster;

import java.util.List;

/** A channel on one nsqd ({@code node} is its host:http_port), from that nsqd's /stats. */
public record ChannelStats(String node, String topicName, String channelName, long depth, long backendDepth,
                           long inFlightCount, long deferredCount, long messageCount, long requeueCount,
                           long timeoutCount, long clientCount, boolean paused, List<ClientStats> clients) {

    public long memoryDepth() {
        return depth - backendDepth;
    }
}
