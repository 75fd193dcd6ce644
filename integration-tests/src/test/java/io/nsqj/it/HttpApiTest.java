package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nsqd's HTTP API against a real broker process: routes, methods, status codes, bodies and JSON shapes as
 * nsqd 1.3 answers them. The broker runs with small limits (max-msg-size 100, max-body-size 1000) so the
 * size checks are cheap to reach.
 */
@Timeout(30)
class HttpApiTest {
    private static final int MAX_MSG_SIZE = 100;
    private static final int MAX_BODY_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** nsqd's key order for each JSON object of /stats (stats.go, client_v2.go, http.go). */
    private static final List<String> STATS_KEYS =
            List.of("version", "health", "start_time", "topics", "memory", "producers");
    private static final List<String> TOPIC_KEYS = List.of("topic_name", "channels", "depth", "backend_depth",
            "message_count", "message_bytes", "paused", "e2e_processing_latency");
    private static final List<String> CHANNEL_KEYS = List.of("channel_name", "depth", "backend_depth",
            "in_flight_count", "deferred_count", "message_count", "requeue_count", "timeout_count", "client_count",
            "clients", "paused", "e2e_processing_latency");
    private static final List<String> CONSUMER_KEYS = List.of("client_id", "hostname", "version", "remote_address",
            "state", "ready_count", "in_flight_count", "message_count", "finish_count", "requeue_count", "connect_ts",
            "sample_rate", "deflate", "snappy", "user_agent", "topology_zone", "topology_region", "tls",
            "tls_cipher_suite", "tls_version", "tls_negotiated_protocol", "tls_negotiated_protocol_is_mutual");
    private static final List<String> PRODUCER_KEYS = List.of("client_id", "hostname", "version", "remote_address",
            "state", "ready_count", "in_flight_count", "message_count", "finish_count", "requeue_count", "connect_ts",
            "sample_rate", "deflate", "snappy", "user_agent", "topology_zone", "topology_region", "pub_counts", "tls",
            "tls_cipher_suite", "tls_version", "tls_negotiated_protocol", "tls_negotiated_protocol_is_mutual");
    private static final List<String> MEMORY_KEYS = List.of("heap_objects", "heap_idle_bytes", "heap_in_use_bytes",
            "heap_released_bytes", "gc_pause_usec_100", "gc_pause_usec_99", "gc_pause_usec_95", "next_gc_bytes",
            "gc_total_runs");

    static BrokerProcess broker;
    static HttpClient client;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("http", "--max-msg-size=" + MAX_MSG_SIZE, "--max-body-size=" + MAX_BODY_SIZE,
                "--max-req-timeout=10s");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- /ping, /info, routing

    @Test
    void pingAnswersOkAsPlainText() {
        HttpResponse<String> r = send("GET", "/ping", null);
        assertEquals(200, r.statusCode());
        assertEquals("OK", r.body());
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertTrue(r.headers().firstValue("X-Nsq-Content-Type").isEmpty(), "PlainText answers carry no NSQ header");
    }

    @Test
    void infoDescribesTheNodeWithNsqdsKeys() throws Exception {
        HttpResponse<String> r = send("GET", "/info", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("nsq; version=1.0", r.headers().firstValue("X-Nsq-Content-Type").orElse(null));
        JsonNode info = JSON.readTree(r.body());
        assertEquals(List.of("version", "broadcast_address", "hostname", "http_port", "tcp_port", "start_time",
                "max_heartbeat_interval", "max_output_buffer_size", "max_output_buffer_timeout", "max_deflate_level",
                "topology_zone", "topology_region"), keys(info));
        assertEquals("1.3.0", info.get("version").asText());
        assertEquals(broker.httpPort(), info.get("http_port").asInt());
        assertEquals(broker.tcpPort(), info.get("tcp_port").asInt());
        assertEquals(info.get("hostname").asText(), info.get("broadcast_address").asText());
        assertEquals(60_000_000_000L, info.get("max_heartbeat_interval").asLong());
        long now = System.currentTimeMillis() / 1000;
        assertTrue(info.get("start_time").asLong() <= now && info.get("start_time").asLong() > now - 600);
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllowHeader() {
        HttpResponse<String> r = send("GET", "/pub?topic=x", null);
        assertEquals(405, r.statusCode());
        assertEquals("{\"message\":\"METHOD_NOT_ALLOWED\"}", r.body());
        assertEquals("OPTIONS, POST", r.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void unknownRouteIsNotFound() {
        HttpResponse<String> r = send("GET", "/nope", null);
        assertEquals(404, r.statusCode());
        assertEquals("{\"message\":\"NOT_FOUND\"}", r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void quarkusHealthStaysAvailable() {
        HttpResponse<String> r = send("GET", "/q/health", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("UP"), r.body());
    }

    @Test
    void trailingSlashRedirectsAsHttprouter() {
        HttpResponse<String> get = send("GET", "/ping/", null);
        assertEquals(301, get.statusCode());
        assertEquals("/ping", get.headers().firstValue("Location").orElse(null));
        assertEquals("<a href=\"/ping\">Moved Permanently</a>.\n\n", get.body());
        HttpResponse<String> post = send("POST", "/pub/?topic=a", "x");
        assertEquals(307, post.statusCode());
        assertEquals("/pub?topic=a", post.headers().firstValue("Location").orElse(null));
        assertEquals("", post.body());
    }

    @Test
    void wrongCaseRedirectsAsHttprouter() {
        HttpResponse<String> get = send("GET", "/STATS?format=json", null);
        assertEquals(301, get.statusCode());
        assertEquals("/stats?format=json", get.headers().firstValue("Location").orElse(null));
        HttpResponse<String> post = send("POST", "/Topic/Create?topic=a", null);
        assertEquals(307, post.statusCode());
        assertEquals("/topic/create?topic=a", post.headers().firstValue("Location").orElse(null));
        HttpResponse<String> put = send("PUT", "/CONFIG/log_level/", "info");
        assertEquals(307, put.statusCode());
        assertEquals("/config/log_level", put.headers().firstValue("Location").orElse(null));
    }

    @Test
    void answersInHttp11EvenToClientsOfferingH2c() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("OK", r.body());
    }

    @Test
    void optionsListsTheAllowedMethods() {
        HttpResponse<String> r = send("OPTIONS", "/config/max_msg_size", null);
        assertEquals(200, r.statusCode());
        assertEquals("GET, OPTIONS, PUT", r.headers().firstValue("Allow").orElse(null));
        assertEquals("", r.body());
    }

    @Test
    void unparsableQueryIsInvalidRequest() {
        assertEquals("{\"message\":\"INVALID_REQUEST\"}", send("GET", "/stats?topic=a;b", null).body());
        String raw = rawHttp("POST /topic/create?topic=a%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400 Bad Request\r\n"), raw);
        assertTrue(raw.endsWith("\r\n\r\n{\"message\":\"INVALID_REQUEST\"}"), raw);
    }

    @Test
    void charactersJavaUrisRefuseReachNsqdsChecks() {
        String raw = rawHttp("POST /pub?topic=a|b HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                + "Connection: close\r\n\r\nx");
        assertTrue(raw.startsWith("HTTP/1.1 400 Bad Request\r\n"), raw);
        assertTrue(raw.endsWith("\r\n\r\n{\"message\":\"INVALID_TOPIC\"}"), raw);
    }

    @Test
    void malformedRequestsGet400AndTheBrokerKeepsServing() {
        String raw = rawHttp("GET /p%zzing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400 Bad Request\r\n"), raw);
        assertTrue(raw.endsWith("\r\n\r\n400 Bad Request"), raw);
        try {
            rawHttp("\u0000\u0001garbage\r\n\r\n");
        } catch (UncheckedIOException expected) {
            // the server may reset the connection: all that matters is that it keeps serving
        }
        assertEquals("OK", send("GET", "/ping", null).body());
    }

    // ---- publishing

    @Test
    void pubIsDeliveredToTcpSubscriber() {
        String topic = name("pub");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            HttpResponse<String> r = send("POST", "/pub?topic=" + topic, "hello http");
            assertEquals(200, r.statusCode());
            assertEquals("OK", r.body());
            assertEquals("nsq; version=1.0", r.headers().firstValue("X-Nsq-Content-Type").orElse(null));
            Frame m = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, m.type());
            assertEquals("hello http", m.body());
        }
    }

    @Test
    void pubAcceptsChunkedBody() {
        String topic = name("chunked");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            HttpResponse<String> r = sendStream("/pub?topic=" + topic, "streamed".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode());
            assertEquals("streamed", consumer.read().body());
        }
    }

    @Test
    void mpubSplitsOnNewlinesAndSkipsEmptyLines() throws Exception {
        String topic = name("mpub");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            HttpResponse<String> r = send("POST", "/mpub?topic=" + topic, "one\ntwo\n\nthree\n");
            assertEquals(200, r.statusCode());
            assertEquals("OK", r.body());
            assertEquals(List.of("one", "two", "three"), readBodies(consumer, 3));
        }
        assertEquals(3, topicStats(topic).get("message_count").asLong());
    }

    @Test
    void mpubBinaryReadsTheMpubWireFormat() {
        String topic = name("binary");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            byte[] body = RawNsqConnection.mpubBody("a\nb", "second");
            HttpResponse<String> r = sendBytes("POST", "/mpub?binary=true&topic=" + topic, body);
            assertEquals(200, r.statusCode());
            assertEquals(List.of("a\nb", "second"), readBodies(consumer, 2));
        }
    }

    @Test
    void deferDelaysDelivery() throws Exception {
        String topic = name("defer");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            long published = System.nanoTime();
            assertEquals(200, send("POST", "/pub?topic=" + topic + "&defer=1200", "later").statusCode());
            assertEquals(1, channelStats(topic, "ch").get("deferred_count").asInt());
            consumer.setReadTimeout(500);
            assertThrows(UncheckedIOException.class, consumer::read, "delivered before its defer");
            consumer.setReadTimeout(10_000);
            Frame m = consumer.read();
            assertEquals("later", m.body());
            assertTrue(System.nanoTime() - published >= Duration.ofMillis(1100).toNanos());
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "POST | /pub?topic=t                 | 'x'     | 200 | OK",
            "POST | /pub                         | 'x'     | 400 | MISSING_ARG_TOPIC",
            "POST | /pub?topic=bad+name          | 'x'     | 400 | INVALID_TOPIC",
            "POST | /pub?topic=t                 | ''      | 400 | MSG_EMPTY",
            "POST | /pub?topic=t                 | BIG_MSG | 413 | MSG_TOO_BIG",
            "POST | /pub?topic=t&defer=abc       | 'x'     | 400 | INVALID_DEFER",
            "POST | /pub?topic=t&defer=-1        | 'x'     | 400 | INVALID_DEFER",
            "POST | /pub?topic=t&defer=10001     | 'x'     | 400 | INVALID_DEFER",
            "POST | /mpub                        | 'x'     | 400 | MISSING_ARG_TOPIC",
            "POST | /mpub?topic=a*b              | 'x'     | 400 | INVALID_TOPIC",
            "POST | /mpub?topic=t                | BIG_MSG | 413 | MSG_TOO_BIG",
            "POST | /mpub?topic=t                | BIG_BODY| 413 | BODY_TOO_BIG",
            "POST | /mpub?topic=t&binary=1       | ''      | 413 | BAD_BODY",
            "POST | /mpub?topic=t&binary=1       | COUNT0  | 413 | BAD_BODY",
            "POST | /mpub?topic=t&binary=1       | SHORT   | 413 | BAD_MESSAGE",
            "POST | /mpub?topic=t&binary=1       | HUGE    | 413 | BAD_MESSAGE",
            "POST | /channel/mpub?topic=t&channel=cm     | 'x'     | 200 | OK",
            "POST | /channel/mpub?channel=cm             | 'x'     | 400 | MISSING_ARG_TOPIC",
            "POST | /channel/mpub?topic=a*b&channel=cm   | 'x'     | 400 | INVALID_TOPIC",
            "POST | /channel/mpub?topic=t                | 'x'     | 400 | MISSING_ARG_CHANNEL",
            "POST | /channel/mpub?topic=t&channel=a%21   | 'x'     | 400 | INVALID_CHANNEL",
            "POST | /channel/mpub?topic=t&channel=cm     | BIG_MSG | 413 | MSG_TOO_BIG",
            "POST | /channel/mpub?topic=t&channel=cm     | BIG_BODY| 413 | BODY_TOO_BIG",
            "POST | /channel/mpub?topic=t&channel=cm&binary=1 | COUNT0 | 413 | BAD_BODY",
            "POST | /channel/mpub?topic=t&channel=cm&binary=1 | SHORT  | 413 | BAD_MESSAGE",
            "POST | /channel/mpub?topic=t&channel=cm&defer=-1 | 'x'    | 400 | INVALID_DEFER",
            "GET  | /channel/mpub?topic=t&channel=cm     | ''      | 405 | METHOD_NOT_ALLOWED",
            "POST | /topic/create                | ''      | 400 | MISSING_ARG_TOPIC",
            "POST | /topic/create?topic=a%21     | ''      | 400 | INVALID_TOPIC",
            "POST | /topic/delete                | ''      | 400 | MISSING_ARG_TOPIC",
            "POST | /topic/delete?topic=no.such  | ''      | 404 | TOPIC_NOT_FOUND",
            "POST | /topic/delete?topic=a%21     | ''      | 404 | TOPIC_NOT_FOUND",
            "POST | /topic/empty                 | ''      | 400 | MISSING_ARG_TOPIC",
            "POST | /topic/empty?topic=a%21      | ''      | 400 | INVALID_TOPIC",
            "POST | /topic/empty?topic=no.such   | ''      | 404 | TOPIC_NOT_FOUND",
            "POST | /topic/pause                 | ''      | 400 | MISSING_ARG_TOPIC",
            "POST | /topic/pause?topic=no.such   | ''      | 404 | TOPIC_NOT_FOUND",
            "POST | /topic/unpause?topic=no.such | ''      | 404 | TOPIC_NOT_FOUND",
            "POST | /channel/create              | ''      | 400 | MISSING_ARG_TOPIC",
            "POST | /channel/create?topic=a%21   | ''      | 400 | INVALID_ARG_TOPIC",
            "POST | /channel/create?topic=t      | ''      | 400 | MISSING_ARG_CHANNEL",
            "POST | /channel/create?topic=t&channel=a%21 | '' | 400 | INVALID_ARG_CHANNEL",
            "POST | /channel/create?topic=no.such&channel=c | '' | 404 | TOPIC_NOT_FOUND",
            "POST | /channel/delete?topic=t&channel=no.such | '' | 404 | CHANNEL_NOT_FOUND",
            "POST | /channel/empty?topic=t&channel=no.such  | '' | 404 | CHANNEL_NOT_FOUND",
            "POST | /channel/pause?topic=t&channel=no.such  | '' | 404 | CHANNEL_NOT_FOUND",
            "POST | /channel/unpause?topic=t&channel=no.such | '' | 404 | CHANNEL_NOT_FOUND",
            "GET  | /config/no_such_option       | ''      | 400 | INVALID_OPTION",
            "GET  | /config/client_timeout       | ''      | 400 | INVALID_OPTION",
            "PUT  | /config/log_level            | ''      | 413 | INVALID_VALUE",
            "PUT  | /config/log_level            | 'loud'  | 400 | INVALID_VALUE",
            "PUT  | /config/nsqlookupd_tcp_addresses | ''                     | 413 | INVALID_VALUE",
            "PUT  | /config/nsqlookupd_tcp_addresses | '\"127.0.0.1:4160\"'   | 400 | INVALID_VALUE",
            "PUT  | /config/nsqlookupd_tcp_addresses | '[\"127.0.0.1:4160\",]' | 400 | INVALID_VALUE",
            "PUT  | /config/nsqlookupd_tcp_addresses | '[4160]'               | 400 | INVALID_VALUE",
            "PUT  | /config/max_msg_size         | '5'     | 400 | INVALID_OPTION",
    })
    void answersAsNsqd(String method, String path, String body, int status, String message) {
        HttpResponse<String> r = sendBytes(method, path, body(body));
        assertEquals(status, r.statusCode(), r.body());
        if (status == 200) {
            assertEquals(message, r.body());
        } else {
            assertEquals("{\"message\":\"" + message + "\"}", r.body());
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
            assertEquals("nsq; version=1.0", r.headers().firstValue("X-Nsq-Content-Type").orElse(null));
        }
    }

    @Test
    void expectContinueGets100ThenTheAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.httpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /mpub?topic=" + name("continue") + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = s.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.US_ASCII));
            out.write("a\nb".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\r\n\r\nOK"), answer);
        }
    }

    @Test
    void expectContinueForAnOversizedBodyIsRefusedWithoutReadingIt() throws Exception {
        try (Socket s = new Socket("127.0.0.1", broker.httpPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("POST /pub?topic=t HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (MAX_MSG_SIZE + 1) + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), answer);
            assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n{\"message\":\"MSG_TOO_BIG\"}"), answer);
        }
    }

    @Test
    void pubTooBigWithoutContentLengthIsStillMsgTooBig() {
        HttpResponse<String> r = sendStream("/pub?topic=t", new byte[MAX_MSG_SIZE + 50]);
        assertEquals(413, r.statusCode());
        assertEquals("{\"message\":\"MSG_TOO_BIG\"}", r.body());
    }

    // ---- /stats

    @Test
    void statsJsonHasNsqdsShapeForTopicsChannelsConsumersAndProducers() throws Exception {
        String topic = name("shape");
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = subscribe(topic, "ch")) {
            producer.pub(topic, "m");
            assertEquals("OK", producer.read().text());
            consumer.read();

            JsonNode stats = stats("format=json&topic=" + topic);
            assertEquals(STATS_KEYS, keys(stats));
            assertEquals("1.3.0", stats.get("version").asText());
            assertEquals("OK", stats.get("health").asText());
            assertEquals(MEMORY_KEYS, keys(stats.get("memory")));
            JsonNode t = stats.get("topics").get(0);
            assertEquals(TOPIC_KEYS, keys(t));
            assertEquals(List.of("count", "percentiles"), keys(t.get("e2e_processing_latency")));
            assertTrue(t.get("e2e_processing_latency").get("percentiles").isNull());
            JsonNode c = t.get("channels").get(0);
            assertEquals(CHANNEL_KEYS, keys(c));
            JsonNode consumerStats = c.get("clients").get(0);
            assertEquals(CONSUMER_KEYS, keys(consumerStats));
            assertEquals("V2", consumerStats.get("version").asText());
            assertEquals(3, consumerStats.get("state").asInt());
            JsonNode producerStats = findProducer(stats, topic);
            assertEquals(PRODUCER_KEYS, keys(producerStats));
            assertEquals(List.of("topic", "count"), keys(producerStats.get("pub_counts").get(0)));
            assertEquals(0, producerStats.get("state").asInt());
        }
    }

    @Test
    void statsJsonCountsWhatWasPublishedAndConsumed() throws Exception {
        String topic = name("counts");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            send("POST", "/mpub?topic=" + topic, "aa\nbbb\ncccc");
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                frames.add(consumer.read());
            }
            consumer.command("FIN " + frames.get(0).messageId());
            consumer.command("REQ " + frames.get(1).messageId() + " 0");
            Frame again = consumer.read();
            assertEquals(frames.get(1).body(), again.body());
            assertEquals(2, again.attempts());

            JsonNode t = topicStats(topic);
            assertEquals(3, t.get("message_count").asLong());
            assertEquals(9, t.get("message_bytes").asLong());
            assertEquals(0, t.get("depth").asLong());
            assertFalse(t.get("paused").asBoolean());
            JsonNode c = t.get("channels").get(0);
            assertEquals("ch", c.get("channel_name").asText());
            assertEquals(2, c.get("in_flight_count").asInt());
            assertEquals(3, c.get("message_count").asLong());
            assertEquals(1, c.get("requeue_count").asLong());
            assertEquals(1, c.get("client_count").asInt());
            JsonNode cl = c.get("clients").get(0);
            assertEquals(10, cl.get("ready_count").asLong());
            assertEquals(2, cl.get("in_flight_count").asLong());
            assertEquals(4, cl.get("message_count").asLong());
            assertEquals(1, cl.get("finish_count").asLong());
            assertEquals(1, cl.get("requeue_count").asLong());
            assertFalse(cl.has("pub_counts"), "a consumer that never published has no pub_counts");
        }
    }

    @Test
    void statsProducersListTcpPublishersWithTheirCounts() throws Exception {
        String topic = name("producer");
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            producer.pub(topic, "1");
            producer.read();
            producer.command("MPUB " + topic, RawNsqConnection.mpubBody("2", "3"));
            producer.read();
            JsonNode p = findProducer(stats("format=json"), topic);
            assertNotNull(p, "the TCP publisher is listed among producers");
            assertEquals(topic, p.get("pub_counts").get(0).get("topic").asText());
            assertEquals(3, p.get("pub_counts").get(0).get("count").asLong());
        }
    }

    @Test
    void statsFiltersByTopicAndChannel() throws Exception {
        String topic = name("filter");
        send("POST", "/topic/create?topic=" + topic, null);
        send("POST", "/channel/create?topic=" + topic + "&channel=a", null);
        send("POST", "/channel/create?topic=" + topic + "&channel=b", null);

        JsonNode one = stats("format=json&topic=" + topic);
        assertEquals(1, one.get("topics").size());
        assertEquals(2, one.get("topics").get(0).get("channels").size());
        JsonNode onlyB = stats("format=json&topic=" + topic + "&channel=b");
        assertEquals(1, onlyB.get("topics").get(0).get("channels").size());
        assertEquals("b", onlyB.get("topics").get(0).get("channels").get(0).get("channel_name").asText());
        JsonNode noSuchChannel = stats("format=json&topic=" + topic + "&channel=zzz");
        assertEquals(0, noSuchChannel.get("topics").size(), "topics without the channel are left out");

        JsonNode missing = stats("format=json&topic=" + name("missing"));
        assertTrue(missing.get("topics").isNull(), "nsqd's nil slice for an unknown topic");
        assertTrue(missing.get("producers").isNull());
    }

    @Test
    void statsIncludeClientsFalseLeavesClientsAndProducersNull() throws Exception {
        String topic = name("noclients");
        try (RawNsqConnection consumer = subscribe(topic, "ch");
             RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            producer.pub(topic, "x");
            producer.read();
            JsonNode stats = stats("format=json&include_clients=false&topic=" + topic);
            JsonNode c = stats.get("topics").get(0).get("channels").get(0);
            assertTrue(c.get("clients").isNull());
            assertEquals(1, c.get("client_count").asInt(), "the count is still given");
            assertTrue(stats.get("producers").isNull());
        }
    }

    @Test
    void statsIncludeMemFalseOmitsMemory() throws Exception {
        JsonNode stats = stats("format=json&include_mem=false");
        assertFalse(stats.has("memory"));
        assertEquals(List.of("version", "health", "start_time", "topics", "producers"), keys(stats));
    }

    @Test
    void statsTextHasNsqdsLines() {
        String topic = name("text");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            send("POST", "/pub?topic=" + topic, "12345");
            consumer.read();
            HttpResponse<String> r = send("GET", "/stats?topic=" + topic, null);
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
            String[] lines = r.body().split("\n", -1);
            assertTrue(lines[0].startsWith("nsqd v1.3.0 (built w/"), lines[0]);
            assertTrue(lines[1].matches("start_time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"),
                    lines[1]);
            assertTrue(lines[2].matches("uptime [0-9hms.µn]+"), lines[2]);
            assertEquals("", lines[3]);
            assertEquals("Health: OK", lines[4]);
            assertEquals("", lines[5]);
            assertEquals("Memory:", lines[6]);
            assertTrue(lines[7].matches(" {3}heap_objects {13}\t\\d+"), lines[7]);
            List<String> all = List.of(lines);
            int topics = all.indexOf("Topics:");
            assertTrue(topics > 0, r.body());
            assertEquals(String.format("   [%-15s] depth: %-5d be-depth: %-5d msgs: %-8d e2e%%: ", topic, 0, 0, 1),
                    lines[topics + 1]);
            assertEquals(String.format("      [%-25s] depth: %-5d be-depth: %-5d inflt: %-4d def: %-4d re-q: %-5d "
                    + "timeout: %-5d msgs: %-8d e2e%%: ", "ch", 0, 0, 1, 0, 0, 0, 1), lines[topics + 2]);
            assertTrue(lines[topics + 3].matches(" {8}\\[V2 [^ ]+:\\d+ +\\] state: 3 inflt: 1 {4}rdy: 10 {3}"
                    + "fin: 0 {8}re-q: 0 {8}msgs: 1 {8}connected: \\d+s"), lines[topics + 3]);
            assertTrue(r.body().endsWith("\nProducers: None\n") || r.body().contains("\nProducers:\n"), r.body());
        }
    }

    @Test
    void statsTextSaysNoneWithoutTopics() {
        String body = send("GET", "/stats?include_mem=false&topic=" + name("none"), null).body();
        assertTrue(body.endsWith("\nHealth: OK\n\nTopics: None\n\nProducers: None\n"), body);
    }

    // ---- topic and channel administration

    @Test
    void topicCreateAndDeleteShowInStats() throws Exception {
        String topic = name("admin");
        HttpResponse<String> created = send("POST", "/topic/create?topic=" + topic, null);
        assertEquals(200, created.statusCode());
        assertEquals("", created.body());
        assertTrue(created.headers().firstValue("Content-Type").isEmpty());
        assertEquals(topic, topicStats(topic).get("topic_name").asText());
        assertEquals(200, send("POST", "/topic/delete?topic=" + topic, null).statusCode());
        assertTrue(stats("format=json&topic=" + topic).get("topics").isNull());
    }

    @Test
    void topicEmptyDropsItsQueuedMessages() throws Exception {
        String topic = name("tempty");
        send("POST", "/mpub?topic=" + topic, "a\nb");
        assertEquals(2, topicStats(topic).get("depth").asLong());
        assertEquals(200, send("POST", "/topic/empty?topic=" + topic, null).statusCode());
        assertEquals(0, topicStats(topic).get("depth").asLong());
    }

    @Test
    void pausedTopicHoldsMessagesUntilUnpaused() throws Exception {
        String topic = name("tpause");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            assertEquals(200, send("POST", "/topic/pause?topic=" + topic, null).statusCode());
            send("POST", "/pub?topic=" + topic, "held");
            JsonNode t = topicStats(topic);
            assertTrue(t.get("paused").asBoolean());
            assertEquals(1, t.get("depth").asLong());
            consumer.setReadTimeout(400);
            assertThrows(UncheckedIOException.class, consumer::read, "a paused topic delivered");
            consumer.setReadTimeout(10_000);
            assertEquals(200, send("POST", "/topic/unpause?topic=" + topic, null).statusCode());
            assertEquals("held", consumer.read().body());
            assertFalse(topicStats(topic).get("paused").asBoolean());
        }
    }

    @Test
    void channelCreateAndDeleteShowInStats() throws Exception {
        String topic = name("chadmin");
        send("POST", "/topic/create?topic=" + topic, null);
        HttpResponse<String> created = send("POST", "/channel/create?topic=" + topic + "&channel=c1", null);
        assertEquals(200, created.statusCode());
        assertEquals("", created.body());
        assertEquals("c1", channelStats(topic, "c1").get("channel_name").asText());
        send("POST", "/pub?topic=" + topic, "kept");
        assertEquals(1, channelStats(topic, "c1").get("depth").asLong(), "a created channel receives messages");
        assertEquals(200, send("POST", "/channel/delete?topic=" + topic + "&channel=c1", null).statusCode());
        assertEquals(0, topicStats(topic).get("channels").size());
    }

    @Test
    void channelEmptyDropsItsMessages() throws Exception {
        String topic = name("chempty");
        send("POST", "/topic/create?topic=" + topic, null);
        send("POST", "/channel/create?topic=" + topic + "&channel=c", null);
        send("POST", "/mpub?topic=" + topic, "1\n2\n3");
        assertEquals(3, channelStats(topic, "c").get("depth").asLong());
        assertEquals(200, send("POST", "/channel/empty?topic=" + topic + "&channel=c", null).statusCode());
        assertEquals(0, channelStats(topic, "c").get("depth").asLong());
    }

    @Test
    void pausedChannelDeliversNothingUntilUnpaused() throws Exception {
        String topic = name("cpause");
        try (RawNsqConnection consumer = subscribe(topic, "ch")) {
            assertEquals(200, send("POST", "/channel/pause?topic=" + topic + "&channel=ch", null).statusCode());
            assertTrue(channelStats(topic, "ch").get("paused").asBoolean());
            send("POST", "/pub?topic=" + topic, "waiting");
            consumer.setReadTimeout(400);
            assertThrows(UncheckedIOException.class, consumer::read, "a paused channel delivered");
            consumer.setReadTimeout(10_000);
            assertEquals(1, channelStats(topic, "ch").get("depth").asLong());
            assertEquals(200, send("POST", "/channel/unpause?topic=" + topic + "&channel=ch", null).statusCode());
            assertEquals("waiting", consumer.read().body());
            assertFalse(channelStats(topic, "ch").get("paused").asBoolean());
        }
    }

    // ---- /config

    @Test
    void configAnswersOptionValuesAsNsqd() {
        HttpResponse<String> lookupd = send("GET", "/config/nsqlookupd_tcp_addresses", null);
        assertEquals(200, lookupd.statusCode());
        assertEquals("[]", lookupd.body());
        assertEquals("application/json; charset=utf-8", lookupd.headers().firstValue("Content-Type").orElse(null));
        assertEquals(Integer.toString(MAX_MSG_SIZE), send("GET", "/config/max_msg_size", null).body());
        assertEquals("60000000000", send("GET", "/config/msg_timeout", null).body());
        assertEquals("true", send("GET", "/config/snappy", null).body());
        HttpResponse<String> address = send("GET", "/config/tcp_address", null);
        assertEquals(broker.tcpAddress(), address.body(), "strings come back as is, not as JSON");
        assertEquals("text/plain; charset=utf-8", address.headers().firstValue("Content-Type").orElse(null));
        assertEquals(broker.dataPath().toString(), send("GET", "/config/data_path", null).body());
    }

    @Test
    void configPutChangesTheLogLevel() {
        assertEquals("2", send("GET", "/config/log_level", null).body());
        HttpResponse<String> put = send("PUT", "/config/log_level", "warn");
        assertEquals(200, put.statusCode());
        assertEquals("3", put.body());
        assertEquals("3", send("GET", "/config/log_level", null).body());
        assertEquals("2", send("PUT", "/config/log_level", "INFO").body());
    }

    // ---- helpers

    private static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + (System.nanoTime() % 100_000);
    }

    private static RawNsqConnection subscribe(String topic, String channel) {
        RawNsqConnection c = RawNsqConnection.open(broker.tcpPort());
        c.command("SUB " + topic + " " + channel);
        assertEquals("OK", c.read().text());
        c.command("RDY 10");
        return c;
    }

    private static List<String> readBodies(RawNsqConnection consumer, int n) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Frame f = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type());
            bodies.add(f.body());
        }
        return bodies;
    }

    private static byte[] body(String spec) {
        if (spec == null) {
            return new byte[0];
        }
        return switch (spec) {
            case "BIG_MSG" -> "x".repeat(MAX_MSG_SIZE + 1).getBytes(StandardCharsets.UTF_8);
            case "BIG_BODY" -> "y\n".repeat(MAX_BODY_SIZE / 2 + 1).getBytes(StandardCharsets.UTF_8);
            case "COUNT0" -> ByteBuffer.allocate(4).putInt(0).array();
            case "SHORT" -> ByteBuffer.allocate(9).putInt(2).putInt(1).put((byte) 'a').array();
            case "HUGE" -> ByteBuffer.allocate(8).putInt(1).putInt(MAX_MSG_SIZE + 1).array();
            default -> spec.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static JsonNode stats(String query) throws IOException {
        HttpResponse<String> r = send("GET", "/stats?" + query, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode topicStats(String topic) throws IOException {
        JsonNode topics = stats("format=json&topic=" + topic).get("topics");
        assertEquals(1, topics.size(), topics.toString());
        return topics.get(0);
    }

    private static JsonNode channelStats(String topic, String channel) throws IOException {
        for (JsonNode c : topicStats(topic).get("channels")) {
            if (c.get("channel_name").asText().equals(channel)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + channel + " in " + topic);
    }

    private static JsonNode findProducer(JsonNode stats, String topic) {
        for (JsonNode p : stats.get("producers")) {
            JsonNode counts = p.get("pub_counts");
            if (counts != null && counts.get(0).get("topic").asText().equals(topic)) {
                return p;
            }
        }
        return null;
    }

    /** Sends bytes as they are and reads the answer until the server closes the connection. */
    private static String rawHttp(String request) {
        try (Socket s = new Socket("127.0.0.1", broker.httpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> sendBytes(String method, String path, byte[] body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return exchange(HttpRequest.newBuilder(URI.create(broker.httpUrl() + path)).method(method, publisher));
    }

    /** A body sent chunked, without Content-Length. */
    private static HttpResponse<String> sendStream(String path, byte[] body) {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(
                () -> (InputStream) new ByteArrayInputStream(body));
        return exchange(HttpRequest.newBuilder(URI.create(broker.httpUrl() + path)).POST(publisher));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
