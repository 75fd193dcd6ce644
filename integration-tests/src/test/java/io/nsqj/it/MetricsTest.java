package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's /q/metrics: lovoo/nsq_exporter's names, labels and types, so its dashboards keep working, and
 * series only for the topics, channels and clients that exist now.
 */
@Timeout(90)
class MetricsTest {
    private static final Set<String> CLIENT_LABELS = Set.of("topic", "channel", "deflate", "snappy", "tls",
            "client_id", "hostname", "version", "remote_address");
    private static BrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("metrics");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void topicChannelAndClientGaugesHaveNsqExportersNamesAndLabels() {
        try (RawNsqConnection consumer = subscribed("exported", "ch", "metrics-it-1", 5)) {
            post("/pub?topic=exported", "hello");
            Frame m = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, m.type());

            Scrape scrape = Scrape.of(broker.httpUrl());
            Scrape.Sample depth = one(scrape, "nsq_topic_depth", Map.of("topic", "exported"));
            assertEquals(Map.of("topic", "exported", "paused", "false"), depth.labels());
            assertEquals(1, one(scrape, "nsq_topic_message_count", Map.of("topic", "exported")).value());
            assertEquals(1, one(scrape, "nsq_topic_channel_count", Map.of("topic", "exported")).value());

            Scrape.Sample inFlight = one(scrape, "nsq_channel_in_flight_count", Map.of("topic", "exported"));
            assertEquals(Map.of("topic", "exported", "channel", "ch", "paused", "false"), inFlight.labels());
            assertEquals(1, inFlight.value());
            assertEquals(1, one(scrape, "nsq_channel_client_count", Map.of("topic", "exported")).value());

            Scrape.Sample ready = one(scrape, "nsq_client_ready_count", Map.of("topic", "exported"));
            assertEquals(CLIENT_LABELS, ready.labels().keySet());
            assertEquals("metrics-it-1", ready.labels().get("client_id"));
            assertEquals("it-host", ready.labels().get("hostname"));
            assertEquals("V2", ready.labels().get("version"));
            assertEquals("false", ready.labels().get("tls"));
            assertEquals("127.0.0.1:" + consumer.localPort(), ready.labels().get("remote_address"));
            assertEquals(5, ready.value());
            assertEquals(1, one(scrape, "nsq_client_in_flight_count", Map.of("topic", "exported")).value());

            consumer.command("FIN " + m.messageId());
            await().atMost(Duration.ofSeconds(10)).until(() -> one(Scrape.of(broker.httpUrl()),
                    "nsq_client_finish_count", Map.of("topic", "exported")).value() == 1);
            for (String name : List.of("nsq_topic_depth", "nsq_topic_message_count", "nsq_channel_depth",
                    "nsq_channel_requeue_count", "nsq_channel_timeout_count", "nsq_client_ready_count",
                    "nsq_client_finish_count")) {
                assertEquals("gauge", scrape.type(name), name);
            }
        }
    }

    @Test
    void aClientThatDisconnectsLeavesTheScrape() {
        RawNsqConnection consumer = subscribed("leaving", "ch", "metrics-it-2", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !clientSeries("metrics-it-2").isEmpty());
        consumer.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> clientSeries("metrics-it-2").isEmpty());
        assertEquals(0, one(Scrape.of(broker.httpUrl()), "nsq_channel_client_count",
                Map.of("topic", "leaving")).value());
    }

    @Test
    void aDeletedChannelLeavesTheScrapeAndItsTopicStays() {
        post("/topic/create?topic=channels", "");
        post("/channel/create?topic=channels&channel=gone", "");
        post("/channel/create?topic=channels&channel=kept", "");
        assertEquals(2, Scrape.of(broker.httpUrl()).find("nsq_channel_depth", Map.of("topic", "channels")).size());
        post("/channel/delete?topic=channels&channel=gone", "");
        Scrape scrape = Scrape.of(broker.httpUrl());
        assertTrue(scrape.withLabel("channel", "gone").isEmpty(), scrape.withLabel("channel", "gone").toString());
        assertEquals(1, scrape.find("nsq_channel_depth", Map.of("topic", "channels", "channel", "kept")).size());
        assertEquals(1, one(scrape, "nsq_topic_channel_count", Map.of("topic", "channels")).value());
    }

    @Test
    void aDeletedTopicLeavesTheScrapeWithItsChannels() {
        post("/topic/create?topic=deleted", "");
        post("/channel/create?topic=deleted&channel=ch", "");
        assertEquals(1, Scrape.of(broker.httpUrl()).find("nsq_channel_depth", Map.of("topic", "deleted")).size());
        post("/topic/delete?topic=deleted", "");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Scrape.of(broker.httpUrl()).withLabel("topic", "deleted").isEmpty());
    }

    @Test
    void backendBytesAreTheUnreadBytesOfTheDiskQueues() {
        // Each record: the disk queue's 8-byte header, the 8-byte due time, nsqd's 26-byte message header, the body.
        long recordBytes = 8 + 8 + 26 + "spilled".length();
        try (BrokerProcess spilling = BrokerProcess.start("metrics-disk", "--mem-queue-size=0")) {
            post(spilling, "/topic/create?topic=parked", "");
            post(spilling, "/topic/create?topic=spilled", "");
            post(spilling, "/channel/create?topic=spilled&channel=ch", "");
            for (int i = 0; i < 3; i++) {
                post(spilling, "/pub?topic=parked", "spilled");
                post(spilling, "/pub?topic=spilled", "spilled");
            }
            Map<String, String> channel = Map.of("topic", "spilled", "channel", "ch");
            await().atMost(Duration.ofSeconds(10)).until(() -> one(Scrape.of(spilling.httpUrl()),
                    "nsq_channel_backend_depth", channel).value() == 3);
            Scrape scrape = Scrape.of(spilling.httpUrl());
            Scrape.Sample topicBytes = one(scrape, "nsq_topic_backend_bytes", Map.of("topic", "parked"));
            assertEquals(Map.of("topic", "parked", "paused", "false"), topicBytes.labels());
            assertEquals(3 * recordBytes, topicBytes.value());
            Scrape.Sample channelBytes = one(scrape, "nsq_channel_backend_bytes", channel);
            assertEquals(Map.of("topic", "spilled", "channel", "ch", "paused", "false"), channelBytes.labels());
            assertEquals(3 * recordBytes, channelBytes.value());
            assertEquals("gauge", scrape.type("nsq_topic_backend_bytes"));
            assertEquals("gauge", scrape.type("nsq_channel_backend_bytes"));

            try (RawNsqConnection consumer = subscribed(spilling, "spilled", "ch", "metrics-it-disk", 3)) {
                for (int i = 0; i < 3; i++) {
                    Frame m = consumer.read();
                    assertEquals(RawNsqConnection.FRAME_MESSAGE, m.type());
                    consumer.command("FIN " + m.messageId());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> one(Scrape.of(spilling.httpUrl()),
                        "nsq_channel_backend_bytes", channel).value() == 0);
            }
        }
    }

    private static RawNsqConnection subscribed(String topic, String channel, String clientId, int rdy) {
        return subscribed(broker, topic, channel, clientId, rdy);
    }

    private static RawNsqConnection subscribed(BrokerProcess broker, String topic, String channel, String clientId,
                                               int rdy) {
        RawNsqConnection c = RawNsqConnection.open(broker.tcpPort());
        c.identify("{\"client_id\":\"" + clientId + "\",\"hostname\":\"it-host\",\"user_agent\":\"it/1.0\"}");
        assertEquals(RawNsqConnection.FRAME_RESPONSE, c.read().type());
        c.command("SUB " + topic + " " + channel);
        assertEquals("OK", c.read().text());
        c.command("RDY " + rdy);
        return c;
    }

    private static List<Scrape.Sample> clientSeries(String clientId) {
        return Scrape.of(broker.httpUrl()).withLabel("client_id", clientId);
    }

    private static Scrape.Sample one(Scrape scrape, String name, Map<String, String> having) {
        List<Scrape.Sample> found = scrape.find(name, having);
        assertEquals(1, found.size(), name + " " + having + ": " + found);
        return found.get(0);
    }

    private static void post(String pathAndQuery, String body) {
        post(broker, pathAndQuery, body);
    }

    private static void post(BrokerProcess broker, String pathAndQuery, String body) {
        HttpAnswer a = HttpAnswer.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(broker.httpUrl() + pathAndQuery))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, a.status(), pathAndQuery + ": " + a.body());
    }
}
