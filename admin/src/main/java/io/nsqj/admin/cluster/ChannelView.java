package io.nsqj.admin.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/** A channel over the whole cluster: each nsqd's numbers, their totals, and every consumer connected to it. */
public record ChannelView(String topicName, String name, List<ChannelStats> nodes) {

    public boolean exists() {
        return !nodes.isEmpty();
    }

    public long depth() {
        return sum(ChannelStats::depth);
    }

    public long memoryDepth() {
        return sum(ChannelStats::memoryDepth);
    }

    public long backendDepth() {
        return sum(ChannelStats::backendDepth);
    }

    public long inFlightCount() {
        return sum(ChannelStats::inFlightCount);
    }

    public long deferredCount() {
        return sum(ChannelStats::deferredCount);
    }

    public long messageCount() {
        return sum(ChannelStats::messageCount);
    }

    public long requeueCount() {
        return sum(ChannelStats::requeueCount);
    }

    public long timeoutCount() {
        return sum(ChannelStats::timeoutCount);
    }

    public long clientCount() {
        return sum(ChannelStats::clientCount);
    }

    public boolean paused() {
        return nodes.stream().anyMatch(ChannelStats::paused);
    }

    public List<ClientStats> clients() {
        return nodes.stream().flatMap(n -> n.clients().stream())
                .sorted(Comparator.comparing(ClientStats::node).thenComparing(ClientStats::clientId)).toList();
    }

    private long sum(ToLongFunction<ChannelStats> field) {
        return nodes.stream().mapToLong(field).sum();
    }
}
