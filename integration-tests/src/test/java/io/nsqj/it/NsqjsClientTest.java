package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker driven by nsqjs, the Node.js client (src/test/node): its Writer publishes (PUB, MPUB, DPUB) and
 * its Reader, given the broker's TCP address, consumes.
 */
class NsqjsClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    static BrokerProcess broker;
    String topic;

    @BeforeAll
    static void start() {
        NodeScript.installDependencies();
        broker = BrokerProcess.start("nsqjs");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void name(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    /** Starts an nsqjs Reader and waits until it is subscribed. */
    private NodeScript reader(int finishCount, String... requeueOnce) {
        List<String> args = new ArrayList<>(List.of(broker.tcpAddress(), topic, "ch", Integer.toString(finishCount)));
        args.addAll(List.of(requeueOnce));
        NodeScript reader = NodeScript.start("consume.js", args.toArray(String[]::new));
        assertEquals("ready", reader.nextLine(TIMEOUT));
        return reader;
    }

    /** Publishes with an nsqjs Writer; returns when nsqd acknowledged, with when publishing started. */
    private long publish(String mode, String... bodies) {
        List<String> args = new ArrayList<>(List.of(broker.tcpAddress(), topic, mode));
        args.addAll(List.of(bodies));
        try (NodeScript writer = NodeScript.start("publish.js", args.toArray(String[]::new))) {
            JsonNode result = json(writer.nextLine(TIMEOUT));
            assertEquals(bodies.length, result.get("published").asInt());
            writer.assertSucceeds(TIMEOUT);
            return result.get("startedAt").asLong();
        }
    }

    private static List<JsonNode> deliveries(NodeScript reader, int count) {
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(json(reader.nextLine(TIMEOUT)));
        }
        return list;
    }

    @Test
    void messagesPublishedByTheWriterReachTheReader() {
        try (NodeScript reader = reader(5)) {
            publish("single", "one", "two");
            publish("batch", "three", "four", "five");
            Map<String, Integer> attempts = new HashMap<>();
            for (JsonNode d : deliveries(reader, 5)) {
                assertNull(attempts.put(d.get("body").asText(), d.get("attempts").asInt()), "twice: " + d);
            }
            assertEquals(Map.of("one", 1, "two", 1, "three", 1, "four", 1, "five", 1), attempts);
            reader.assertSucceeds(TIMEOUT);
        }
    }

    @Test
    void messageRequeuedByTheReaderIsRedeliveredWithAttemptsTwo() {
        try (NodeScript reader = reader(2, "retry")) {
            publish("single", "retry", "plain");
            Map<String, List<JsonNode>> byBody = new HashMap<>();
            for (JsonNode d : deliveries(reader, 3)) {
                byBody.computeIfAbsent(d.get("body").asText(), b -> new ArrayList<>()).add(d);
            }
            assertEquals(Set.of("retry", "plain"), byBody.keySet());
            List<JsonNode> retries = byBody.get("retry");
            assertEquals(2, retries.size(), retries::toString);
            assertEquals(1, retries.get(0).get("attempts").asInt());
            assertEquals(2, retries.get(1).get("attempts").asInt());
            assertEquals(retries.get(0).get("id"), retries.get(1).get("id"));
            assertEquals(1, byBody.get("plain").get(0).get("attempts").asInt());
            reader.assertSucceeds(TIMEOUT);
        }
    }

    @Test
    void messageDeferredByTheWriterIsNotDeliveredBeforeItsDelay() {
        try (NodeScript reader = reader(1)) {
            long startedAt = publish("defer:1000", "deferred");
            JsonNode d = json(reader.nextLine(TIMEOUT));
            assertEquals("deferred", d.get("body").asText());
            long waited = d.get("receivedAt").asLong() - startedAt;
            assertTrue(waited >= 1000, "delivered after " + waited + "ms");
            reader.assertSucceeds(TIMEOUT);
        }
    }
}
