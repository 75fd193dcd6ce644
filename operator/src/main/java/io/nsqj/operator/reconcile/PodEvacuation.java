package io.nsqj.operator.reconcile;

import io.nsqj.operator.nsq.ChannelStats;
import io.nsqj.operator.nsq.NsqdAdmin;
import io.nsqj.operator.nsq.TopicStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is left on a pod whose drain timed out, moved onto the remaining pods: each channel's messages into the
 * same channel there (not to the topic, which would copy them into channels that already had them); messages
 * held by a topic with no channel go to the topic there, through a channel made for the move. Paused topics
 * and channels are unpaused on the leaving pod only, or their messages would never come out.
 */
final class PodEvacuation implements AutoCloseable {
    /** Takes a channel-less topic's messages out of its queue; a durable name, so nothing lives in memory only. */
    static final String MOVE_CHANNEL = "nsq-operator-move";

    private final NsqdAdmin source;
    private final String sourceTcpAddress;
    private final Map<String, ChannelMover> movers = new LinkedHashMap<>();
    private final AtomicInteger nextTarget = new AtomicInteger();
    private volatile List<NsqdAdmin> targets = List.of();

    PodEvacuation(NsqdAdmin source, String sourceTcpAddress) {
        this.source = source;
        this.sourceTcpAddress = sourceTcpAddress;
    }

    /** Starts a mover for every channel that holds messages and has none yet. Called on each reconcile. */
    synchronized void update(List<TopicStats> stats, List<NsqdAdmin> remainingPods) {
        this.targets = List.copyOf(remainingPods);
        for (TopicStats topic : stats) {
            if (topic.paused() && topic.remaining() > 0) {
                source.setTopicPaused(topic.name(), false);
            }
            if (topic.channels().isEmpty() && topic.depth() > 0) {
                source.createChannel(topic.name(), MOVE_CHANNEL);
            }
            for (ChannelStats channel : topic.channels()) {
                String key = topic.name() + "/" + channel.name();
                if (channel.remaining() == 0 || movers.containsKey(key)) {
                    continue;
                }
                if (channel.paused()) {
                    source.setChannelPaused(topic.name(), channel.name(), false);
                }
                boolean toTopic = channel.name().equals(MOVE_CHANNEL);
                movers.put(key, new ChannelMover(sourceTcpAddress, topic.name(), channel.name(), bodies -> {
                    NsqdAdmin target = target();
                    if (toTopic) {
                        target.publishToTopic(topic.name(), bodies);
                    } else {
                        target.publishToChannel(topic.name(), channel.name(), bodies);
                    }
                }));
            }
        }
    }

    synchronized long moved() {
        return movers.values().stream().mapToLong(ChannelMover::moved).sum();
    }

    private NsqdAdmin target() {
        List<NsqdAdmin> t = targets;
        if (t.isEmpty()) {
            throw new IllegalStateException("no remaining nsqd pod is ready to take messages");
        }
        return t.get(Math.floorMod(nextTarget.getAndIncrement(), t.size()));
    }

    @Override
    public synchronized void close() {
        movers.values().forEach(ChannelMover::close);
        movers.clear();
    }
}
