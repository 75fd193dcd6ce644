package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.nsqj.it.NsqAssertions.assertResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDENTIFY's answer: OK, or with feature_negotiation the JSON nsqd sends, field for field. */
class IdentifyNegotiationTest {
    /** nsqd's response struct, in its order. */
    private static final List<String> FIELDS = List.of("max_rdy_count", "version", "max_msg_timeout", "msg_timeout",
            "tls_v1", "deflate", "deflate_level", "max_deflate_level", "snappy", "sample_rate", "auth_required",
            "output_buffer_size", "output_buffer_timeout", "topology_region", "topology_zone");

    static BrokerProcess broker;
    RawNsqConnection client;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("identify", "--max-rdy-count=200", "--max-msg-timeout=5m", "--msg-timeout=30s",
                "--output-buffer-timeout=100ms", "--max-deflate-level=3");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void connect() {
        client = RawNsqConnection.open(broker.tcpPort());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private JsonNode negotiate(String json) throws IOException {
        client.identify(json);
        Frame f = client.read();
        assertEquals(RawNsqConnection.FRAME_RESPONSE, f.type(), f::toString);
        return new ObjectMapper().readTree(f.data());
    }

    @Test
    void identifyWithoutFeatureNegotiationAnswersOk() {
        client.identify("{\"client_id\":\"plain\"}");
        assertResponse("OK", client.read());
    }

    @Test
    void identifyAgainBeforeSubIsAccepted() throws IOException {
        client.identify("{\"client_id\":\"first\"}");
        assertResponse("OK", client.read());
        assertEquals(2000, negotiate("{\"feature_negotiation\":true,\"msg_timeout\":2000}").get("msg_timeout").asLong());
    }

    @Test
    void featureNegotiationAnswersNsqdsFieldsFromTheBrokersSettings() throws IOException {
        JsonNode r = negotiate("{\"feature_negotiation\":true}");
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names);

        assertEquals(200, r.get("max_rdy_count").asLong());
        assertTrue(r.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertEquals(300_000, r.get("max_msg_timeout").asLong());
        assertEquals(30_000, r.get("msg_timeout").asLong());
        assertTrue(r.get("tls_v1").isBoolean() && !r.get("tls_v1").asBoolean(), r::toString);
        assertTrue(r.get("deflate").isBoolean() && !r.get("deflate").asBoolean(), r::toString);
        // nsqd answers its default level 6 capped by --max-deflate-level
        assertEquals(3, r.get("deflate_level").asInt());
        assertEquals(3, r.get("max_deflate_level").asInt());
        assertTrue(r.get("snappy").isBoolean() && !r.get("snappy").asBoolean(), r::toString);
        assertEquals(0, r.get("sample_rate").asInt());
        assertTrue(r.get("auth_required").isBoolean() && !r.get("auth_required").asBoolean(), r::toString);
        assertEquals(16 * 1024, r.get("output_buffer_size").asInt());
        assertEquals(100, r.get("output_buffer_timeout").asLong());
        assertEquals("", r.get("topology_region").asText());
        assertEquals("", r.get("topology_zone").asText());
        for (String numeric : List.of("max_rdy_count", "max_msg_timeout", "msg_timeout", "deflate_level",
                "max_deflate_level", "sample_rate", "output_buffer_size", "output_buffer_timeout")) {
            assertTrue(r.get(numeric).isIntegralNumber(), numeric + " is an integer in " + r);
        }
    }

    @Test
    void featureNegotiationAnswersTheClientsOwnSettings() throws IOException {
        JsonNode r = negotiate("{\"feature_negotiation\":true,\"msg_timeout\":5000,\"sample_rate\":50,"
                + "\"output_buffer_size\":4096,\"output_buffer_timeout\":500}");
        assertEquals(5000, r.get("msg_timeout").asLong());
        assertEquals(50, r.get("sample_rate").asInt());
        assertEquals(4096, r.get("output_buffer_size").asInt());
        assertEquals(500, r.get("output_buffer_timeout").asLong());
    }
}
