package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.NsqErrorException;
import io.nsqj.client.Producer;
import io.nsqj.client.TlsSettings;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java client negotiates TLS, snappy, deflate and AUTH with the broker, and messages go through. */
class ClientFeaturesTest {
    static TestCertificates certs;
    static BrokerProcess broker;
    static AuthServer authServer;
    static BrokerProcess authBroker;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(Path.of("target/it-work/certs-client-" + System.nanoTime()));
        broker = BrokerProcess.start("client-features", "--tls-cert=" + certs.certPem(), "--tls-key=" + certs.keyPem());
        authServer = new AuthServer(60);
        authBroker = BrokerProcess.start("client-auth", "--auth-http-address=" + authServer.address());
    }

    @AfterAll
    static void stop() {
        broker.close();
        authBroker.close();
        authServer.close();
    }

    /** Publishes and consumes through {@code config}; returns what /stats said about the consumer. */
    private static JsonNode roundTrip(BrokerProcess target, String topic, ClientConfig config) throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        Consumer consumer = new Consumer(topic, "ch", m -> received.add(m.bodyAsString()), config);
        try (Producer producer = new Producer(target.tcpAddress(), config)) {
            consumer.connectToNsqd(target.tcpAddress());
            String big = "compressible ".repeat(5000);
            producer.publish(topic, "small".getBytes(StandardCharsets.UTF_8));
            producer.publish(topic, big.getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(20)).until(() -> received.equals(Set.of("small", big)));
            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(target.httpUrl() + "/stats?format=json&topic=" + topic)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(stats.body()).get("topics").get(0).get("channels").get(0)
                    .get("clients").get(0);
        } finally {
            consumer.stop();
        }
    }

    @Test
    void tlsWithATrustStore() throws Exception {
        ClientConfig config = ClientConfig.builder()
                .tls(TlsSettings.trustStore(certs.trustStore(), TestCertificates.PASSWORD.toCharArray())).build();
        JsonNode client = roundTrip(broker, "tls_trusted", config);
        assertTrue(client.get("tls").asBoolean(), client::toString);
        assertTrue(client.get("tls_version").asText().startsWith("TLS1."), client::toString);
        assertTrue(!client.get("tls_cipher_suite").asText().isEmpty(), client::toString);
    }

    @Test
    void tlsThatTrustsAnyCertificate() throws Exception {
        JsonNode client = roundTrip(broker, "tls_insecure", ClientConfig.builder().tls(TlsSettings.insecure()).build());
        assertTrue(client.get("tls").asBoolean(), client::toString);
    }

    @Test
    void tlsRefusesACertificateItDoesNotTrust() {
        Producer producer = new Producer(broker.tcpAddress(), ClientConfig.builder().tls(TlsSettings.system()).build());
        try (producer) {
            assertThrows(RuntimeException.class, () -> producer.publish("untrusted", new byte[]{1}));
        }
    }

    @Test
    void snappy() throws Exception {
        JsonNode client = roundTrip(broker, "snappy", ClientConfig.builder().snappy(true).build());
        assertTrue(client.get("snappy").asBoolean(), client::toString);
    }

    @Test
    void deflate() throws Exception {
        JsonNode client = roundTrip(broker, "deflate", ClientConfig.builder().deflate(true).deflateLevel(3).build());
        assertTrue(client.get("deflate").asBoolean(), client::toString);
    }

    @Test
    void tlsWithSnappy() throws Exception {
        JsonNode client = roundTrip(broker, "tls_snappy",
                ClientConfig.builder().tls(TlsSettings.insecure()).snappy(true).build());
        assertTrue(client.get("tls").asBoolean() && client.get("snappy").asBoolean(), client::toString);
    }

    @Test
    void authWithAGrantedSecret() throws Exception {
        JsonNode client = roundTrip(authBroker, "granted", ClientConfig.builder().authSecret("good").build());
        assertEquals("tester", client.get("auth_identity").asText(), client::toString);
    }

    @Test
    void authRefusesATopicNotGranted() {
        try (Producer producer = new Producer(authBroker.tcpAddress(),
                ClientConfig.builder().authSecret("good").build())) {
            NsqErrorException e = assertThrows(NsqErrorException.class,
                    () -> producer.publish("denied", new byte[]{1}));
            assertTrue(e.getMessage().contains("E_UNAUTHORIZED"), e::getMessage);
        }
    }
}
