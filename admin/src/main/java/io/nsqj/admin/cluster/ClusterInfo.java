package io.nsqj.admin.cluster;

import io.nsqj.admin.config.AdminOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cluster looks like now: every lookupd's /nodes (or the --nsqd-http-address list), then every nsqd's
 * /stats, each round in parallel. Blocks its caller (a worker thread, never an event loop) for at most about
 * two request timeouts; a daemon that fails is reported down, not thrown. A node lookupd stopped listing is
 * still asked for a while (see {@link AdminOptions#forgetNodeAfter()}), so that a stopped broker shows as down.
 */
@ApplicationScoped
public class ClusterInfo {
    private final NsqHttp http;
    private final List<String> lookupds;
    private final List<String> nsqds;
    private final Duration forgetAfter;
    /** Nodes lookupd listed, by host:http_port, with when; written by every snapshot (any worker thread). */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    ClusterInfo(NsqHttp http, AdminOptions options) {
        this.http = http;
        this.lookupds = options.lookupdHttpAddresses().orElse(List.of());
        this.nsqds = options.nsqdHttpAddresses().orElse(List.of());
        this.forgetAfter = options.forgetNodeAfter();
    }

    public List<String> lookupdAddresses() {
        return lookupds;
    }

    public ClusterSnapshot snapshot() {
        List<LookupdState> lookupdStates = new ArrayList<>();
        Map<String, Producer> producers = new LinkedHashMap<>();
        // nodes given by --nsqd-http-address describe themselves in /info, as nsqadmin asks them
        List<CompletableFuture<Producer>> infos = nsqds.stream()
                .map(a -> http.get(a, "/info").thenApply(body -> parse(() -> StatsParser.info(a, body)))
                        .exceptionally(e -> Producer.direct(a)))
                .toList();
        List<CompletableFuture<List<Producer>>> answers = lookupds.stream()
                .map(l -> http.get(l, "/nodes").thenApply(body -> parse(() -> StatsParser.producers(l, body))))
                .toList();
        for (int i = 0; i < nsqds.size(); i++) {
            producers.put(nsqds.get(i), infos.get(i).join());
        }
        for (int i = 0; i < lookupds.size(); i++) {
            try {
                for (Producer p : answers.get(i).join()) {
                    producers.merge(p.httpAddress(), p, ClusterInfo::listedByBoth);
                }
                lookupdStates.add(new LookupdState(lookupds.get(i), true, ""));
            } catch (CompletionException e) {
                lookupdStates.add(new LookupdState(lookupds.get(i), false, reason(e)));
            }
        }
        long nowMillis = System.currentTimeMillis();
        producers.forEach((address, p) -> seen.put(address, new Seen(p, nowMillis)));
        seen.values().removeIf(s -> nowMillis - s.atMillis() > forgetAfter.toMillis());
        seen.forEach((address, s) -> producers.putIfAbsent(address, s.producer().unlisted()));
        List<String> nodes = new ArrayList<>(producers.keySet());
        List<CompletableFuture<NodeStats>> stats = nodes.stream()
                .map(n -> http.get(n, "/stats?format=json")
                        .thenApply(body -> parse(() -> StatsParser.nodeStats(n, body)))
                        .exceptionally(e -> NodeStats.down(n, reason(e))))
                .toList();
        List<NodeStats> nodeStats = stats.stream().map(CompletableFuture::join).toList();
        for (NodeStats n : nodeStats) {
            if (nsqds.contains(n.node()) && n.up()) {
                producers.computeIfPresent(n.node(), (k, p) -> p.withTopics(n.topics().stream().map(TopicStats::topicName).toList()));
            }
        }
        return new ClusterSnapshot(lookupdStates, List.copyOf(producers.values()), nodeStats);
    }

    /** Every lookupd's topics, each with its channels (lookupd's /topics, then /channels per topic). */
    public LookupListing lookupListing() {
        Map<String, TreeSet<String>> channels = new TreeMap<>();
        List<LookupdState> states = new ArrayList<>();
        for (String l : lookupds) {
            try {
                List<String> topics = http.get(l, "/topics").thenApply(b -> parse(() -> StatsParser.names(b, "topics"))).join();
                List<CompletableFuture<List<String>>> perTopic = topics.stream()
                        .map(t -> http.get(l, "/channels?" + NsqHttp.query("topic", t))
                                .thenApply(b -> parse(() -> StatsParser.names(b, "channels"))))
                        .toList();
                for (int i = 0; i < topics.size(); i++) {
                    channels.computeIfAbsent(topics.get(i), k -> new TreeSet<>()).addAll(perTopic.get(i).join());
                }
                states.add(new LookupdState(l, true, ""));
            } catch (CompletionException e) {
                states.add(new LookupdState(l, false, reason(e)));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        channels.forEach((t, c) -> out.put(t, List.copyOf(c)));
        return new LookupListing(states, out);
    }

    private static Producer listedByBoth(Producer a, Producer b) {
        List<String> by = new ArrayList<>(a.lookupds());
        by.addAll(b.lookupds());
        List<String> topics = new ArrayList<>(a.topics());
        List<Boolean> tombstoned = new ArrayList<>(a.tombstoned());
        for (int i = 0; i < b.topics().size(); i++) {
            if (!topics.contains(b.topics().get(i))) {
                topics.add(b.topics().get(i));
                tombstoned.add(i < b.tombstoned().size() && b.tombstoned().get(i));
            }
        }
        return new Producer(a.remoteAddress(), a.hostname(), a.broadcastAddress(), a.tcpPort(), a.httpPort(),
                a.version(), topics, tombstoned, by);
    }

    static String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ConnectException) {
            // Java's HttpClient gives no message of its own here
            return "connection refused";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private interface Parse<T> {
        T run() throws IOException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private record Seen(Producer producer, long atMillis) {
    }

    /** The lookup page's data: what each lookupd knows, merged. */
    public record LookupListing(List<LookupdState> lookupds, Map<String, List<String>> channelsByTopic) {
    }
}
