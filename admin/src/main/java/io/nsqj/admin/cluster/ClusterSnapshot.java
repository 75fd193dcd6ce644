package io.nsqj.admin.cluster;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** One look at the cluster, taken by {@link ClusterInfo}: immutable, read by one page render or one sample. */
public record ClusterSnapshot(List<LookupdState> lookupds, List<Producer> producers, List<NodeStats> nodes) {

    /** Topics lookupd knows of and topics some nsqd reports, sorted. */
    public List<String> topicNames() {
        TreeSet<String> names = new TreeSet<>();
        producers.forEach(p -> names.addAll(p.topics()));
        nodes.forEach(n -> n.topics().forEach(t -> names.add(t.topicName())));
        return List.copyOf(names);
    }

    public TopicView topic(String name) {
        List<TopicStats> perNode = nodes.stream().flatMap(n -> n.topics().stream())
                .filter(t -> t.topicName().equals(name)).toList();
        List<String> down = nodes.stream().filter(n -> !n.up())
                .filter(n -> producer(n.node()).map(p -> p.topics().contains(name) || p.topics().isEmpty()).orElse(true))
                .map(NodeStats::node).toList();
        return new TopicView(name, perNode, down);
    }

    public Optional<Producer> producer(String node) {
        return producers.stream().filter(p -> p.httpAddress().equals(node)).findFirst();
    }

    public Optional<NodeStats> node(String node) {
        return nodes.stream().filter(n -> n.node().equals(node)).findFirst();
    }

    /** Nodes whose /stats lists {@code topic}: where an action on that topic goes. */
    public List<String> nodesWithTopic(String topic) {
        return nodes.stream().filter(n -> n.topics().stream().anyMatch(t -> t.topicName().equals(topic)))
                .map(NodeStats::node).toList();
    }

    /** Whether {@code node}'s /stats answered in this look. */
    public boolean isUp(String node) {
        return node(node).map(NodeStats::up).orElse(false);
    }

    public List<String> upNodes() {
        return nodes.stream().filter(NodeStats::up).map(NodeStats::node).toList();
    }

    public List<NodeStats> downNodes() {
        return nodes.stream().filter(n -> !n.up()).toList();
    }

    public List<LookupdState> downLookupds() {
        return lookupds.stream().filter(l -> !l.up()).toList();
    }

    /** nsqadmin's counter: messages that went through a channel, summed over every channel of every nsqd. */
    public long messagesProcessed() {
        return nodes.stream().flatMap(n -> n.topics().stream()).flatMap(t -> t.channels().stream())
                .mapToLong(ChannelStats::messageCount).sum();
    }

    public long messagesPublished() {
        return nodes.stream().mapToLong(NodeStats::totalMessages).sum();
    }
}
