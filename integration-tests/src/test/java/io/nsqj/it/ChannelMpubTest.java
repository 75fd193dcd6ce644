package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /channel/mpub, not nsqd's: /mpub's body into one channel of a topic, never fanned out to the topic's other
 * channels. The operator moves a channel's messages off a broker being scaled away with it: it consumes the channel
 * there and posts each batch into the same channel of a remaining broker, finishing on the old one only after a
 * 200. Its errors are /mpub's (see HttpApiTest); here, what it does with the messages.
 */
@Timeout(60)
class ChannelMpubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("channel-mpub");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void messagesGoToTheNamedChannelAndToNoOther() throws Exception {
        String topic = name("moved");
        createChannels(broker, topic, "a", "b");
        HttpAnswer r = post(broker, "/channel/mpub?topic=" + topic + "&channel=a",
                "one\ntwo\n\nthree\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals("OK", r.body());

        JsonNode stats = topicStats(broker, topic);
        assertEquals(0, stats.get("depth").asLong());
        assertEquals(0, stats.get("message_count").asLong(), "the topic itself published nothing");
        assertEquals(3, channel(stats, "a").get("depth").asLong());
        assertEquals(3, channel(stats, "a").get("message_count").asLong());
        assertEquals(0, channel(stats, "b").get("depth").asLong());
        assertEquals(0, channel(stats, "b").get("message_count").asLong());

        try (RawNsqConnection a = subscribe(broker, topic, "a", 10);
             RawNsqConnection b = subscribe(broker, topic, "b", 10)) {
            assertEquals(List.of("one", "two", "three"), bodies(a, 3));
            assertTrue(b.poll(Duration.ofMillis(500)).isEmpty(), "channel b got a message");
        }
    }

    @Test
    void aMissingTopicAndChannelAreCreatedAsSubCreatesThem() throws Exception {
        String topic = name("created");
        HttpAnswer r = post(broker, "/channel/mpub?topic=" + topic + "&channel=only",
                "x\ny".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        JsonNode stats = topicStats(broker, topic);
        assertEquals(1, stats.get("channels").size());
        assertEquals(2, channel(stats, "only").get("depth").asLong());
    }

    @Test
    void theBinaryBodyIsMpubsAndDeferIsPubs() throws Exception {
        String topic = name("binary");
        createChannels(broker, topic, "a", "b");
        long posted = System.nanoTime();
        HttpAnswer r = post(broker, "/channel/mpub?binary=true&defer=600&topic=" + topic + "&channel=a",
                RawNsqConnection.mpubBody("first\nline", "second"));
        assertEquals(200, r.status(), r.body());
        JsonNode a = channel(topicStats(broker, topic), "a");
        assertEquals(2, a.get("deferred_count").asLong());
        assertEquals(0, a.get("depth").asLong());
        assertEquals(0, channel(topicStats(broker, topic), "b").get("deferred_count").asLong());

        try (RawNsqConnection consumer = subscribe(broker, topic, "a", 10)) {
            assertEquals(List.of("first\nline", "second"), bodies(consumer, 2).stream().sorted().toList());
            long waited = Duration.ofNanos(System.nanoTime() - posted).toMillis();
            assertTrue(waited >= 600, "delivered " + waited + " ms after the post");
        }
    }

    @Test
    void aChannelsMessagesMoveToAnotherBrokerAndStayOutOfItsOtherChannels() throws Exception {
        String topic = name("drain");
        createChannels(broker, topic, "a", "b");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            published.add("m" + i);
        }
        assertEquals(200, post(broker, "/mpub?topic=" + topic,
                String.join("\n", published).getBytes(StandardCharsets.UTF_8)).status());

        try (BrokerProcess target = BrokerProcess.start("channel-mpub-target")) {
            createChannels(target, topic, "a", "b");
            try (RawNsqConnection old = subscribe(broker, topic, "a", 10)) {
                for (int batchStart = 0; batchStart < published.size(); batchStart += 5) {
                    List<Frame> batch = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        Frame f = old.read();
                        assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f::toString);
                        batch.add(f);
                    }
                    HttpAnswer r = post(target, "/channel/mpub?binary=true&topic=" + topic + "&channel=a",
                            RawNsqConnection.mpubBody(batch.stream().map(Frame::body).toArray(String[]::new)));
                    assertEquals(200, r.status(), r.body());
                    for (Frame f : batch) {
                        old.command("FIN " + f.messageId());
                    }
                }
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> channel(topicStats(broker, topic), "a").get("in_flight_count").asLong() == 0);
                JsonNode source = topicStats(broker, topic);
                assertEquals(0, channel(source, "a").get("depth").asLong());
                assertEquals(25, channel(source, "b").get("depth").asLong());
            }
            JsonNode there = topicStats(target, topic);
            assertEquals(25, channel(there, "a").get("depth").asLong());
            assertEquals(0, channel(there, "b").get("depth").asLong());
            try (RawNsqConnection a = subscribe(target, topic, "a", 30)) {
                assertEquals(published, bodies(a, 25));
            }
        }
    }

    /**
     * In --sync-mode=always the 200 comes after the fsync: a SIGKILL right after it loses none of the batch. The
     * channels are made first and the broker restarted gracefully, so nsqd.dat lists them before the crash.
     */
    @Test
    void inSyncModeAlwaysAnAcceptedBatchSurvivesASigkill() throws Exception {
        try (BrokerProcess strict = BrokerProcess.start("channel-mpub-strict", "--sync-mode=always")) {
            String topic = name("strict");
            createChannels(strict, topic, "a", "b");
            strict.stop();
            strict.start();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add("durable-" + i);
            }
            HttpAnswer r = post(strict, "/channel/mpub?topic=" + topic + "&channel=a",
                    String.join("\n", sent).getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), r.body());
            assertEquals("OK", r.body());
            strict.kill();
            strict.start();

            JsonNode stats = topicStats(strict, topic);
            assertEquals(100, channel(stats, "a").get("depth").asLong());
            assertEquals(0, channel(stats, "b").get("depth").asLong());
            try (RawNsqConnection a = subscribe(strict, topic, "a", 100)) {
                assertEquals(sent, bodies(a, 100));
            }
        }
    }

    private static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private static void createChannels(BrokerProcess to, String topic, String... channels) {
        assertEquals(200, HttpAnswer.post(to.httpUrl() + "/topic/create?topic=" + topic).status());
        for (String c : channels) {
            assertEquals(200, HttpAnswer.post(to.httpUrl() + "/channel/create?topic=" + topic + "&channel=" + c)
                    .status());
        }
    }

    private static HttpAnswer post(BrokerProcess to, String pathAndQuery, byte[] body) {
        return HttpAnswer.send(HttpRequest.newBuilder(URI.create(to.httpUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static RawNsqConnection subscribe(BrokerProcess to, String topic, String channel, int rdy) {
        RawNsqConnection c = RawNsqConnection.open(to.tcpPort());
        c.command("SUB " + topic + " " + channel);
        assertEquals("OK", c.read().text());
        c.command("RDY " + rdy);
        return c;
    }

    /** Reads {@code n} messages, finishing each. */
    private static List<String> bodies(RawNsqConnection consumer, int n) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Frame f = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f::toString);
            bodies.add(f.body());
            consumer.command("FIN " + f.messageId());
        }
        return bodies;
    }

    private static JsonNode topicStats(BrokerProcess of, String topic) {
        HttpAnswer a = HttpAnswer.get(of.httpUrl() + "/stats?format=json&topic=" + topic);
        assertEquals(200, a.status(), a.body());
        try {
            JsonNode topics = JSON.readTree(a.body()).get("topics");
            assertEquals(1, topics.size(), topics::toString);
            return topics.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode channel(JsonNode topicStats, String name) {
        for (JsonNode c : topicStats.get("channels")) {
            if (c.get("channel_name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name + " in " + topicStats);
    }
}
