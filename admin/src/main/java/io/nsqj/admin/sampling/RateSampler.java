package io.nsqj.admin.sampling;

import io.nsqj.admin.cluster.ChannelStats;
import io.nsqj.admin.cluster.ClusterInfo;
import io.nsqj.admin.cluster.ClusterSnapshot;
import io.nsqj.admin.cluster.NodeStats;
import io.nsqj.admin.cluster.TopicStats;
import io.nsqj.admin.config.AdminOptions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Samples every nsqd's /stats on a timer for the rate graphs, in place of nsqadmin's graphite: published
 * messages per topic and in total, messages through each channel. Runs on a scheduler worker thread.
 */
@ApplicationScoped
public class RateSampler {
    private final ClusterInfo cluster;
    private final RateHistory history;

    RateSampler(ClusterInfo cluster, AdminOptions options) {
        this.cluster = cluster;
        this.history = new RateHistory(options.sampleCount());
    }

    public RateHistory history() {
        return history;
    }

    @Scheduled(every = "${nsqadmin.sample-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        history.record(System.currentTimeMillis(), counts(cluster.snapshot()));
    }

    static Map<String, Long> counts(ClusterSnapshot snapshot) {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (NodeStats node : snapshot.nodes()) {
            for (TopicStats t : node.topics()) {
                counts.merge(RateHistory.topicKey(t.topicName()), t.messageCount(), Long::sum);
                total += t.messageCount();
                for (ChannelStats c : t.channels()) {
                    counts.merge(RateHistory.channelKey(t.topicName(), c.channelName()), c.messageCount(), Long::sum);
                }
            }
        }
        counts.put(RateHistory.TOTAL, total);
        return counts;
    }
}
