package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.RawNsqConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.nsqj.it.NsqAssertions.assertFatal;
import static io.nsqj.it.NsqAssertions.assertResponse;
import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUTH against a real auth server: nsqd's request, its answer, and its errors for each wrong use. */
class AuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static AuthServer authServer;
    static BrokerProcess broker;
    RawNsqConnection client;

    @BeforeAll
    static void start() {
        authServer = new AuthServer(1);
        broker = BrokerProcess.start("auth", "--auth-http-address=" + authServer.address());
    }

    @AfterAll
    static void stop() {
        broker.close();
        authServer.close();
    }

    @BeforeEach
    void connect() {
        client = RawNsqConnection.open(broker.tcpPort());
        authServer.requests.clear();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private JsonNode identify() throws IOException {
        client.identify("{\"feature_negotiation\":true}");
        return JSON.readTree(client.read().data());
    }

    private JsonNode auth(String secret) throws IOException {
        client.command("AUTH", secret.getBytes());
        RawNsqConnection.Frame f = client.read();
        assertEquals(RawNsqConnection.FRAME_RESPONSE, f.type(), f::toString);
        return JSON.readTree(f.data());
    }

    @Test
    void identifyAnswersThatAuthIsRequired() throws IOException {
        assertTrue(identify().get("auth_required").asBoolean());
    }

    @Test
    void authAnswersTheIdentityAndAsksWithNsqdsParameters() throws IOException {
        identify();
        JsonNode r = auth("good");
        assertEquals("tester", r.get("identity").asText());
        assertEquals("http://example.com/tester", r.get("identity_url").asText());
        assertEquals(1, r.get("permission_count").asInt());
        assertEquals(Map.of("remote_ip", "127.0.0.1", "tls", "false", "secret", "good", "common_name", ""),
                authServer.requests.get(0));
    }

    @Test
    void grantedTopicCanBePublishedAndSubscribed() throws IOException {
        identify();
        auth("good");
        publish(client, "granted", "hello");
        subscribe(client, "granted", "ch");
    }

    @Test
    void publishBeforeAuthIsAuthFirst() {
        client.pub("granted", "early");
        assertFatal("E_AUTH_FIRST AUTH required before PUB", client);
    }

    @Test
    void publishToATopicNotGrantedIsUnauthorized() throws IOException {
        auth("good");
        client.pub("denied", "x");
        assertFatal("E_UNAUTHORIZED AUTH failed for PUB on \"denied\" \"\"", client);
    }

    @Test
    void subscribeToATopicNotGrantedIsUnauthorized() throws IOException {
        identify();
        auth("good");
        client.command("SUB denied ch");
        assertFatal("E_UNAUTHORIZED AUTH failed for SUB on \"denied\" \"ch\"", client);
    }

    @Test
    void commandsSentRightAfterAuthWaitForItsAnswer() throws IOException {
        client.command("AUTH", "good".getBytes()).pub("granted", "pipelined");
        assertEquals("tester", JSON.readTree(client.read().data()).get("identity").asText());
        assertResponse("OK", client.read());
    }

    @Test
    void secondAuthIsInvalid() throws IOException {
        auth("good");
        client.command("AUTH", "good".getBytes());
        assertFatal("E_INVALID AUTH already set", client);
    }

    @Test
    void secretTheAuthServerRefusesIsAuthFailed() {
        client.command("AUTH", "wrong".getBytes());
        assertFatal("E_AUTH_FAILED AUTH failed", client);
    }

    @Test
    void secretWithoutGrantsIsUnauthorized() {
        client.command("AUTH", "empty".getBytes());
        assertFatal("E_UNAUTHORIZED AUTH no authorizations found", client);
    }

    @Test
    void expiredGrantsAreFetchedAgain() throws Exception {
        auth("good");
        publish(client, "granted", "first");
        Thread.sleep(1100);
        publish(client, "granted", "after ttl");
        assertEquals(2, authServer.requests.size());
    }

    @Test
    void statsShowTheAuthenticatedIdentity() throws Exception {
        auth("good");
        publish(client, "granted", "for stats");
        HttpResponse<String> stats = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/stats?format=json&topic=granted")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode producer = JSON.readTree(stats.body()).get("producers").get(0);
        assertTrue(producer.get("authed").asBoolean(), producer::toString);
        assertEquals("tester", producer.get("auth_identity").asText());
        assertEquals("http://example.com/tester", producer.get("auth_identity_url").asText());
    }

    @Test
    void unreachableAuthServerIsAuthFailed() {
        try (BrokerProcess lonely = BrokerProcess.start("auth-down",
                "--auth-http-address=127.0.0.1:" + FreePorts.next());
             RawNsqConnection c = RawNsqConnection.open(lonely.tcpPort())) {
            c.command("AUTH", "good".getBytes());
            assertFatal("E_AUTH_FAILED AUTH failed", c);
        }
    }
}
