package io.nsqj.admin.cluster;

import java.util.List;

/**
 * What one nsqd's /stats?format=json said, or why it said nothing ({@code error}, when it is down or answered
 * badly): a page shows such a node as down and renders the rest.
 */
public record NodeStats(String node, boolean up, String error, String version, String health, long startTime,
                        List<TopicStats> topics) {

    static NodeStats down(String node, String error) {
        return new NodeStats(node, false, error, "", "", 0, List.of());
    }

    public long totalMessages() {
        return topics.stream().mapToLong(TopicStats::messageCount).sum();
    }

    public long totalClients() {
        return topics.stream().flatMap(t -> t.channels().stream()).mapToLong(c -> c.clients().size()).sum();
    }

    public long totalDepth() {
        return topics.stream().mapToLong(TopicStats::depth).sum();
    }
}
