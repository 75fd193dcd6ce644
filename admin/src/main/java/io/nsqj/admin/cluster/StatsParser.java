package io.nsqj.admin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads nsqd's /stats?format=json and lookupd's /nodes, /topics and /channels answers. */
final class StatsParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsParser() {
    }

    /** NSQ before 1.0 wrapped answers as {status_code, status_txt, data}; 1.x sends the object itself. */
    static JsonNode read(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        return root.has("data") && root.has("status_code") ? root.get("data") : root;
    }

    static NodeStats nodeStats(String node, String body) throws IOException {
        JsonNode root = read(body);
        List<TopicStats> topics = new ArrayList<>();
        for (JsonNode t : root.path("topics")) {
            List<ChannelStats> channels = new ArrayList<>();
            String topic = t.path("topic_name").asText();
            for (JsonNode c : t.path("channels")) {
                List<ClientStats> clients = new ArrayList<>();
                for (JsonNode cl : c.path("clients")) {
                    clients.add(new ClientStats(node, cl.path("client_id").asText(), cl.path("hostname").asText(),
                            cl.path("version").asText(), cl.path("remote_address").asText(),
                            cl.path("user_agent").asText(), cl.path("state").asInt(), cl.path("ready_count").asLong(),
                            cl.path("in_flight_count").asLong(), cl.path("message_count").asLong(),
                            cl.path("finish_count").asLong(), cl.path("requeue_count").asLong(),
                            cl.path("connect_ts").asLong(), cl.path("tls").asBoolean(), cl.path("deflate").asBoolean(),
                            cl.path("snappy").asBoolean()));
                }
                channels.add(new ChannelStats(node, topic, c.path("channel_name").asText(), c.path("depth").asLong(),
                        c.path("backend_depth").asLong(), c.path("in_flight_count").asLong(),
                        c.path("deferred_count").asLong(), c.path("message_count").asLong(),
                        c.path("requeue_count").asLong(), c.path("timeout_count").asLong(),
                        c.path("client_count").asLong(clients.size()), c.path("paused").asBoolean(), clients));
            }
            topics.add(new TopicStats(node, topic, t.path("depth").asLong(), t.path("backend_depth").asLong(),
                    t.path("message_count").asLong(), t.path("paused").asBoolean(), channels));
        }
        return new NodeStats(node, true, "", root.path("version").asText(), root.path("health").asText(),
                root.path("start_time").asLong(), topics);
    }

    static List<Producer> producers(String lookupd, String body) throws IOException {
        List<Producer> out = new ArrayList<>();
        for (JsonNode p : read(body).path("producers")) {
            List<String> topics = new ArrayList<>();
            p.path("topics").forEach(t -> topics.add(t.asText()));
            List<Boolean> tombstones = new ArrayList<>();
            p.path("tombstones").forEach(t -> tombstones.add(t.asBoolean()));
            out.add(new Producer(p.path("remote_address").asText(), p.path("hostname").asText(),
                    p.path("broadcast_address").asText(), p.path("tcp_port").asInt(), p.path("http_port").asInt(),
                    p.path("version").asText(), topics, tombstones, List.of(lookupd)));
        }
        return out;
    }

    /** nsqd's /info, for a node given by its HTTP address: named by that address, as the user gave it. */
    static Producer info(String httpAddress, String body) throws IOException {
        JsonNode i = read(body);
        Producer given = Producer.direct(httpAddress);
        return new Producer("", i.path("hostname").asText(), given.broadcastAddress(), i.path("tcp_port").asInt(),
                given.httpPort(), i.path("version").asText(), List.of(), List.of(), List.of());
    }

    /** The string array under {@code field} ("topics" of /topics, "channels" of /channels). */
    static List<String> names(String body, String field) throws IOException {
        List<String> out = new ArrayList<>();
        read(body).path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
