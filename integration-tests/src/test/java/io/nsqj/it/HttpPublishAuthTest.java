package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * --http-auth-required: /pub, /mpub and /channel/mpub ask a real auth server, as TCP's AUTH does, before
 * publishing.
 */
class HttpPublishAuthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static AuthServer authServer;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        authServer = new AuthServer(60);
        broker = BrokerProcess.start("http-auth", "--auth-http-address=" + authServer.address(),
                "--http-auth-required");
    }

    @AfterAll
    static void stop() {
        broker.close();
        authServer.close();
    }

    @BeforeEach
    void clearRequests() {
        authServer.requests.clear();
    }

    private static HttpResponse<String> post(BrokerProcess to, String pathAndQuery, String bearer, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.httpUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAnswer(int status, String message, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r::body);
        assertEquals("{\"message\":\"" + message + "\"}", r.body());
    }

    @Test
    void publishWithoutSecretIsAuthRequired() throws Exception {
        assertAnswer(401, "AUTH_REQUIRED", post(broker, "/pub?topic=granted", null, "m"));
        assertAnswer(401, "AUTH_REQUIRED", post(broker, "/mpub?topic=granted", null, "m\nn"));
        assertEquals(0, authServer.requests.size());
    }

    @Test
    void bearerSecretPublishesToTheGrantedTopicAskingWithTcpsParameters() throws Exception {
        HttpResponse<String> r = post(broker, "/pub?topic=granted", "good", "m");
        assertEquals(200, r.statusCode(), r::body);
        assertEquals("OK", r.body());
        assertEquals(Map.of("common_name", "", "remote_ip", "127.0.0.1", "secret", "good", "tls", "false"),
                authServer.requests.get(0));
    }

    @Test
    void secretQueryParameterPublishesToo() throws Exception {
        HttpResponse<String> r = post(broker, "/mpub?topic=granted&secret=good", null, "a\nb");
        assertEquals(200, r.statusCode(), r::body);
        assertEquals("OK", r.body());
    }

    @Test
    void topicNotGrantedIsUnauthorized() throws Exception {
        assertAnswer(403, "UNAUTHORIZED", post(broker, "/pub?topic=other", "good", "m"));
        assertAnswer(403, "UNAUTHORIZED", post(broker, "/mpub?topic=other&secret=good", null, "m"));
    }

    @Test
    void secretWithoutGrantsIsUnauthorized() throws Exception {
        assertAnswer(403, "UNAUTHORIZED", post(broker, "/pub?topic=granted", "empty", "m"));
    }

    @Test
    void secretTheAuthServerRefusesIsAuthFailed() throws Exception {
        assertAnswer(503, "AUTH_FAILED", post(broker, "/pub?topic=granted", "bad", "m"));
    }

    @Test
    void grantsAreCachedForTheirTtl() throws Exception {
        assertEquals(200, post(broker, "/pub?topic=granted", "good", "m").statusCode());
        authServer.requests.clear();
        assertEquals(200, post(broker, "/pub?topic=granted", "good", "m").statusCode());
        assertEquals(200, post(broker, "/mpub?topic=granted&secret=good", null, "m").statusCode());
        assertEquals(403, post(broker, "/pub?topic=other", "good", "m").statusCode());
        assertEquals(0, authServer.requests.size(), "the grants of \"good\" last 60s");
    }

    @Test
    void channelMpubPublishesAndNeedsTheSamePermission() throws Exception {
        assertAnswer(401, "AUTH_REQUIRED", post(broker, "/channel/mpub?topic=granted&channel=c", null, "m"));
        assertAnswer(403, "UNAUTHORIZED", post(broker, "/channel/mpub?topic=other&channel=c", "good", "m"));
        HttpResponse<String> r = post(broker, "/channel/mpub?topic=granted&channel=c", "good", "m\nn");
        assertEquals(200, r.statusCode(), r::body);
        assertEquals("OK", r.body());
    }

    @Test
    void otherRoutesNeedNoSecret() throws Exception {
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, post(broker, "/topic/create?topic=admin", null, "").statusCode());
    }

    @Test
    void unreachableAuthServerIsAuthFailed() throws Exception {
        try (BrokerProcess alone = BrokerProcess.start("http-auth-unreachable",
                "--auth-http-address=127.0.0.1:" + FreePorts.next(), "--http-auth-required")) {
            assertAnswer(503, "AUTH_FAILED", post(alone, "/pub?topic=granted", "good", "m"));
        }
    }
}
