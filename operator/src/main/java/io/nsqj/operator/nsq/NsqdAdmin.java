package io.nsqj.operator.nsq;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One nsqd pod's HTTP API, reached by pod IP: topics, channels, pauses, stats, and moving messages in. */
public final class NsqdAdmin {
    private final String base;

    public NsqdAdmin(String host, int httpPort) {
        this.base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    public String baseUrl() {
        return base;
    }

    public void createTopic(String topic) {
        NsqHttp.post(NsqHttp.uri(base, "/topic/create", Map.of("topic", topic)), new byte[0], 200);
    }

    public void createChannel(String topic, String channel) {
        NsqHttp.post(NsqHttp.uri(base, "/channel/create", Map.of("topic", topic, "channel", channel)), new byte[0], 200);
    }

    public void setTopicPaused(String topic, boolean paused) {
        NsqHttp.post(NsqHttp.uri(base, paused ? "/topic/pause" : "/topic/unpause", Map.of("topic", topic)),
                new byte[0], 200);
    }

    public void setChannelPaused(String topic, String channel, boolean paused) {
        NsqHttp.post(NsqHttp.uri(base, paused ? "/channel/pause" : "/channel/unpause",
                Map.of("topic", topic, "channel", channel)), new byte[0], 200);
    }

    /** Deletes the topic; one already gone is fine (404 TOPIC_NOT_FOUND). */
    public void deleteTopic(String topic) {
        NsqHttp.post(NsqHttp.uri(base, "/topic/delete", Map.of("topic", topic)), new byte[0], 200, 404);
    }

    /** Deletes a channel; one already gone is fine. */
    public void deleteChannel(String topic, String channel) {
        NsqHttp.post(NsqHttp.uri(base, "/channel/delete", Map.of("topic", topic, "channel", channel)),
                new byte[0], 200, 404);
    }

    /** MPUB to the topic: every channel of it gets the messages. */
    public void publishToTopic(String topic, List<byte[]> bodies) {
        NsqHttp.post(NsqHttp.uri(base, "/mpub", Map.of("topic", topic, "binary", "true")), BinaryMpub.encode(bodies), 200);
    }

    /** Puts messages into one channel only (the broker's /channel/mpub, not an nsqd route). */
    public void publishToChannel(String topic, String channel, List<byte[]> bodies) {
        NsqHttp.post(NsqHttp.uri(base, "/channel/mpub", Map.of("topic", topic, "channel", channel, "binary", "true")),
                BinaryMpub.encode(bodies), 200);
    }

    /** The broadcast address and HTTP port it registers with lookupd: lookupd's name for this node. */
    public NodeInfo info() {
        JsonNode info = NsqHttp.getJson(NsqHttp.uri(base, "/info", Map.of()));
        return new NodeInfo(info.path("broadcast_address").asText(), info.path("tcp_port").asInt(),
                info.path("http_port").asInt());
    }

    public List<TopicStats> stats() {
        JsonNode stats = NsqHttp.getJson(NsqHttp.uri(base, "/stats", Map.of("format", "json")));
        List<TopicStats> topics = new ArrayList<>();
        for (JsonNode t : stats.path("topics")) {
            List<ChannelStats> channels = new ArrayList<>();
            for (JsonNode c : t.path("channels")) {
                channels.add(new ChannelStats(c.path("channel_name").asText(), c.path("depth").asLong(),
                        c.path("in_flight_count").asLong(), c.path("deferred_count").asLong(),
                        c.path("paused").asBoolean(), c.path("clients").size()));
            }
            topics.add(new TopicStats(t.path("topic_name").asText(), t.path("depth").asLong(),
                    t.path("paused").asBoolean(), channels));
        }
        return topics;
    }
}
