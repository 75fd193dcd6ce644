package io.nsqj.admin.cluster;

import io.nsqj.protocol.Names;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * nsqadmin's actions, each sent in parallel to every nsqd it concerns (and, for create, delete and tombstone, to
 * every lookupd, as nsqadmin does), with what went wrong where.
 */
@ApplicationScoped
public class ClusterActions {
    public static final Set<String> TOPIC_ACTIONS = Set.of("create", "delete", "pause", "unpause", "empty");
    public static final Set<String> CHANNEL_ACTIONS = TOPIC_ACTIONS;

    private final NsqHttp http;
    private final ClusterInfo cluster;

    ClusterActions(NsqHttp http, ClusterInfo cluster) {
        this.http = http;
        this.cluster = cluster;
    }

    /** Creating goes to every nsqd that answers; the other actions to every nsqd that has the topic. */
    public Outcome topic(String action, String topic) {
        if (!TOPIC_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("INVALID_ACTION " + action);
        }
        if (!Names.isValidTopicName(topic)) {
            throw new IllegalArgumentException("INVALID_TOPIC");
        }
        ClusterSnapshot now = cluster.snapshot();
        List<String> nodes = action.equals("create") ? now.upNodes() : now.nodesWithTopic(topic);
        String q = NsqHttp.query("topic", topic);
        List<Call> calls = new ArrayList<>();
        nodes.forEach(n -> calls.add(new Call(n, http.post(n, "/topic/" + action + "?" + q))));
        if (action.equals("delete")) {
            cluster.lookupdAddresses().forEach(l -> calls.add(new Call(l, http.post(l, "/topic/delete?" + q))));
        }
        return Outcome.of(action + " topic " + topic, calls);
    }

    /** Every channel action goes to every nsqd that has the topic (create makes the channel there). */
    public Outcome channel(String action, String topic, String channel) {
        if (!CHANNEL_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("INVALID_ACTION " + action);
        }
        if (!Names.isValidTopicName(topic)) {
            throw new IllegalArgumentException("INVALID_TOPIC");
        }
        if (!Names.isValidChannelName(channel)) {
            throw new IllegalArgumentException("INVALID_CHANNEL");
        }
        String q = NsqHttp.query("topic", topic) + "&" + NsqHttp.query("channel", channel);
        List<Call> calls = new ArrayList<>();
        cluster.snapshot().nodesWithTopic(topic)
                .forEach(n -> calls.add(new Call(n, http.post(n, "/channel/" + action + "?" + q))));
        if (action.equals("delete")) {
            cluster.lookupdAddresses().forEach(l -> calls.add(new Call(l, http.post(l, "/channel/delete?" + q))));
        }
        return Outcome.of(action + " channel " + topic + "/" + channel, calls);
    }

    /** lookupd stops handing out {@code node} (host:http_port) for {@code topic}, on every lookupd. */
    public Outcome tombstone(String topic, String node) {
        if (!Names.isValidTopicName(topic)) {
            throw new IllegalArgumentException("INVALID_TOPIC");
        }
        String q = NsqHttp.query("topic", topic) + "&" + NsqHttp.query("node", node);
        List<Call> calls = cluster.lookupdAddresses().stream()
                .map(l -> new Call(l, http.post(l, "/topic/tombstone?" + q))).toList();
        return Outcome.of("tombstone topic " + topic + " on " + node, calls);
    }

    private record Call(String target, CompletableFuture<String> answer) {
    }

    /** What an action did: where it succeeded and where it failed (with the reason). */
    public record Outcome(String action, List<String> succeeded, List<String> failed) {
        static Outcome of(String action, List<Call> calls) {
            List<String> ok = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Call c : calls) {
                try {
                    c.answer().join();
                    ok.add(c.target());
                } catch (CompletionException e) {
                    failed.add(c.target() + " (" + ClusterInfo.reason(e) + ")");
                }
            }
            return new Outcome(action, ok, failed);
        }

        public String summary() {
            if (succeeded.isEmpty() && failed.isEmpty()) {
                return action + ": no node has it";
            }
            String s = action + ": done on " + (succeeded.isEmpty() ? "none" : String.join(", ", succeeded));
            return failed.isEmpty() ? s : s + "; FAILED on " + String.join(", ", failed);
        }
    }
}
