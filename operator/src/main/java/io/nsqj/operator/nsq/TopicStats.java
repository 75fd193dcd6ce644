package io.nsqj.operator.nsq;

import java.util.List;

/** One topic of nsqd's /stats. */
public record TopicStats(String name, long depth, boolean paused, List<ChannelStats> channels) {

    /** Messages still held by the topic: its own queue and, per channel, queued, in flight and deferred. */
    public long remaining() {
        return depth + channels.stream().mapToLong(ChannelStats::remaining).sum();
    }

    public ChannelStats channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
