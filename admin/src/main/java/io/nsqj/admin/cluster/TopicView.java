package io.nsqj.admin.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A topic over the whole cluster: each nsqd's numbers, their totals, and its channels summed the same way. */
public record TopicView(String name, List<TopicStats> nodes, List<String> downNodes) {

    public boolean exists() {
        return !nodes.isEmpty();
    }

    public long depth() {
        return nodes.stream().mapToLong(TopicStats::depth).sum();
    }

    public long memoryDepth() {
        return nodes.stream().mapToLong(TopicStats::memoryDepth).sum();
    }

    public long backendDepth() {
        return nodes.stream().mapToLong(TopicStats::backendDepth).sum();
    }

    public long messageCount() {
        return nodes.stream().mapToLong(TopicStats::messageCount).sum();
    }

    /** nsqadmin shows a topic paused when any nsqd has it paused. */
    public boolean paused() {
        return nodes.stream().anyMatch(TopicStats::paused);
    }

    public List<ChannelView> channels() {
        Map<String, List<ChannelStats>> byName = new LinkedHashMap<>();
        for (TopicStats t : nodes) {
            for (ChannelStats c : t.channels()) {
                byName.computeIfAbsent(c.channelName(), k -> new ArrayList<>()).add(c);
            }
        }
        return byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new ChannelView(name, e.getKey(), e.getValue())).toList();
    }

    public ChannelView channel(String channel) {
        return channels().stream().filter(c -> c.name().equals(channel)).findFirst()
                .orElse(new ChannelView(name, channel, List.of()));
    }
}
