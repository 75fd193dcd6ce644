package io.nsqj.broker.http;

import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.core.TopicStats;
import io.nsqj.broker.tcp.ClientConnection;
import io.nsqj.broker.tcp.ClientRegistry;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * nsqd's GetStats: every topic (or the one asked for) sorted by name, each asked on its own loop; with a
 * channel filter, topics without that channel are left out; producers are the TCP clients that published.
 */
final class StatsCollector {
    private final TopicLookup lookup;
    private final java.util.function.Supplier<ClientRegistry> clients;

    StatsCollector(TopicLookup lookup, java.util.function.Supplier<ClientRegistry> clients) {
        this.lookup = lookup;
        this.clients = clients;
    }

    CompletableFuture<StatsSnapshot> collect(String topicFilter, String channelFilter, boolean includeClients) {
        TopicRegistry registry = lookup.registry();
        List<Topic> selected;
        if (topicFilter.isEmpty()) {
            selected = registry.all();
        } else {
            Topic t = registry.get(topicFilter);
            if (t == null) {
                return CompletableFuture.completedFuture(new StatsSnapshot(null, null, includeClients, topicFilter));
            }
            selected = List.of(t);
        }
        return registry.onEachTopic(selected, t -> {
            if (t.isDeleted() || (!channelFilter.isEmpty() && t.channel(channelFilter) == null)) {
                return null;
            }
            return t.stats(channelFilter, includeClients);
        }).thenApply(list -> {
            List<TopicStats> topics = list.stream().filter(Objects::nonNull).toList();
            return new StatsSnapshot(topics, includeClients ? producers(topicFilter) : null, includeClients,
                    topicFilter);
        });
    }

    private List<ClientStats> producers(String topicFilter) {
        ClientRegistry registry = clients.get();
        if (registry == null) {
            return null;
        }
        List<ClientStats> producers = registry.all().stream()
                .filter(ClientConnection::hasPublished)
                .sorted(Comparator.comparingLong(ClientConnection::id))
                .map(c -> c.stats(null, topicFilter))
                .toList();
        return producers.isEmpty() ? null : producers;
    }

    /**
     * The pub_counts nsqd shows for a client: those of the requested topic, and of them only the first
     * (nsqd's loop stops after one entry).
     */
    static List<ClientStats.PubCount> shownPubCounts(ClientStats c, String topicFilter) {
        return c.pubCounts().stream()
                .filter(p -> topicFilter.isEmpty() || p.topic().equals(topicFilter))
                .limit(1)
                .toList();
    }
}
