package io.nsqj.tools.stat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What nsq_stat asks the cluster, the way NSQ's clusterinfo asks it: which nsqd have the topic (from
 * nsqlookupd's /lookup, or from each nsqd's /stats and /info), then the topic's channels summed over those
 * nsqd. An nsqd or lookupd that does not answer is an error, even when others did.
 */
final class ClusterStats {
    private final V1Client client;

    ClusterStats(V1Client client) {
        this.client = client;
    }

    /** Thrown with NSQ's wording: all the errors, one a line, after a prefix when nothing answered. */
    static final class ClusterException extends Exception {
        ClusterException(String message) {
            super(message, null, false, false);
        }

        static void throwIfAny(List<String> errors, int queried, String what) throws ClusterException {
            if (errors.size() == queried) {
                throw new ClusterException("failed to query any " + what + ": " + String.join("\n", errors));
            }
            if (!errors.isEmpty()) {
                throw new ClusterException(String.join("\n", errors));
            }
        }
    }

    /** The HTTP addresses of the nsqd every lookupd lists as the topic's producers. */
    List<String> producersFromLookupd(String topic, List<String> lookupds) throws ClusterException, InterruptedException {
        Set<String> producers = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        for (String lookupd : lookupds) {
            try {
                JsonObject answer = client.get("http://" + lookupd + "/lookup?topic=" + escape(topic));
                for (Object p : array(answer, "producers")) {
                    JsonObject producer = (JsonObject) p;
                    producers.add(joinHostPort(producer.getString("broadcast_address", ""), producer.getInteger("http_port", 0)));
                }
            } catch (V1Client.QueryException e) {
                errors.add(e.getMessage());
            }
        }
        ClusterException.throwIfAny(errors, lookupds.size(), "nsqlookupd");
        return new ArrayList<>(producers);
    }

    /** The HTTP addresses (as each announces itself in /info) of the nsqd given that have the topic. */
    List<String> producersFromNsqd(String topic, List<String> nsqds) throws ClusterException, InterruptedException {
        List<String> producers = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String nsqd : nsqds) {
            try {
                JsonObject stats = client.get("http://" + nsqd + "/stats?format=json&topic=" + escape(topic) + "&include_clients=false");
                if (!hasTopic(stats, topic)) {
                    continue;
                }
                JsonObject info = client.get("http://" + nsqd + "/info");
                String broadcast = info.getString("broadcast_address", "");
                producers.add(broadcast.isEmpty() ? nsqd : joinHostPort(broadcast, info.getInteger("http_port", 0)));
            } catch (V1Client.QueryException e) {
                errors.add(e.getMessage());
            }
        }
        ClusterException.throwIfAny(errors, nsqds.size(), "nsqd");
        return producers;
    }

    /** The topic's channels by name, each summed over the producers given. */
    Map<String, ChannelTotals> channels(List<String> producers, String topic, String channel)
            throws ClusterException, InterruptedException {
        Map<String, ChannelTotals> channels = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (String nsqd : producers) {
            try {
                JsonObject stats = client.get("http://" + nsqd + "/stats?format=json&topic=" + escape(topic)
                        + "&channel=" + escape(channel) + "&include_clients=false");
                for (Object t : array(stats, "topics")) {
                    JsonObject topicStats = (JsonObject) t;
                    if (!topic.equals(topicStats.getString("topic_name"))) {
                        continue;
                    }
                    for (Object c : array(topicStats, "channels")) {
                        JsonObject channelStats = (JsonObject) c;
                        channels.merge(channelStats.getString("channel_name", ""), ChannelTotals.fromStats(channelStats), ChannelTotals::plus);
                    }
                }
            } catch (V1Client.QueryException e) {
                errors.add(e.getMessage());
            }
        }
        ClusterException.throwIfAny(errors, producers.size(), "nsqd");
        return channels;
    }

    private static boolean hasTopic(JsonObject stats, String topic) {
        for (Object t : array(stats, "topics")) {
            if (topic.equals(((JsonObject) t).getString("topic_name"))) {
                return true;
            }
        }
        return false;
    }

    /** Go marshals an empty slice as null: both mean none. */
    private static JsonArray array(JsonObject o, String name) {
        JsonArray a = o.getJsonArray(name);
        return a == null ? new JsonArray() : a;
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String joinHostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
