package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a running broker reports about itself (GET /stats) and what the OS knows of it (/proc). */
final class BrokerStats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode stats;

    private BrokerStats(JsonNode stats) {
        this.stats = stats;
    }

    static BrokerStats of(BrokerProcess broker) {
        HttpAnswer a = HttpAnswer.get(broker.httpUrl() + "/stats?format=json");
        if (a.status() != 200) {
            throw new IllegalStateException("/stats answered " + a.status() + ": " + a.body());
        }
        try {
            return new BrokerStats(JSON.readTree(a.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clients /stats knows of: producers plus every channel's subscribers. Idle connections are not listed. */
    int clients() {
        int n = stats.path("producers").size();
        for (JsonNode topic : stats.path("topics")) {
            for (JsonNode channel : topic.path("channels")) {
                n += channel.path("clients").size();
            }
        }
        return n;
    }

    long heapInUseBytes() {
        return stats.path("memory").path("heap_in_use_bytes").asLong();
    }

    /** Whether the topic has the channel. */
    boolean hasChannel(String topic, String channel) {
        for (JsonNode t : stats.path("topics")) {
            if (t.path("topic_name").asText().equals(topic)) {
                for (JsonNode c : t.path("channels")) {
                    if (c.path("channel_name").asText().equals(channel)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Messages the topic holds for its channels, or before any channel exists (memory and disk). */
    long topicDepth(String topic) {
        for (JsonNode t : stats.path("topics")) {
            if (t.path("topic_name").asText().equals(topic)) {
                return t.path("depth").asLong();
            }
        }
        throw new IllegalStateException("no topic " + topic);
    }

    /** The broker's open file descriptors (sockets included), from /proc: Linux only. */
    static long openFds(BrokerProcess broker) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(broker.pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
