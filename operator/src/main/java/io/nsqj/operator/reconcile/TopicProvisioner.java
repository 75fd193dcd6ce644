package io.nsqj.operator.reconcile;

import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.nsq.ChannelStats;
import io.nsqj.operator.nsq.NsqdAdmin;
import io.nsqj.operator.nsq.TopicStats;

import java.util.List;

/**
 * Makes one nsqd have a declared topic with its channels, paused as declared. nsqd's create calls are
 * idempotent; pausing is only sent when the pod's state differs, so a steady cluster sees reads only.
 */
final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /** Ensures every topic on the pod, reading its stats once. */
    static void ensureAll(NsqdAdmin pod, List<NsqTopic> topics) {
        List<TopicStats> stats = pod.stats();
        for (NsqTopic topic : topics) {
            ensure(pod, topic, stats);
        }
    }

    static void ensure(NsqdAdmin pod, NsqTopic declared, List<TopicStats> stats) {
        String name = declared.topicName();
        TopicStats existing = stats.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        if (existing == null) {
            pod.createTopic(name);
        }
        for (String channel : declared.getSpec().getChannels()) {
            ChannelStats c = existing == null ? null : existing.channel(channel);
            if (c == null) {
                pod.createChannel(name, channel);
            }
        }
        boolean paused = declared.getSpec().isPaused();
        if ((existing != null && existing.paused()) != paused) {
            pod.setTopicPaused(name, paused);
        }
    }

    /** Whether the pod's stats show the topic with all its channels. */
    static boolean present(List<TopicStats> stats, NsqTopic declared) {
        String name = declared.topicName();
        return stats.stream().filter(t -> t.name().equals(name)).findFirst()
                .map(t -> declared.getSpec().getChannels().stream().allMatch(c -> t.channel(c) != null))
                .orElse(false);
    }
}
