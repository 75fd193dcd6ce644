package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nsqd's HTTPS port with a certificate, and its plain HTTP port under each --tls-required. */
class HttpsTest {
    static TestCertificates certs;
    static HttpClient https;
    static final HttpClient PLAIN = HttpClient.newHttpClient();
    static BrokerProcess optional;
    static BrokerProcess required;
    static BrokerProcess exceptHttp;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(Path.of("target/it-work/certs-https-" + System.nanoTime()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.trustStore())) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(ssl).build();
        String cert = "--tls-cert=" + certs.certPem();
        String key = "--tls-key=" + certs.keyPem();
        optional = BrokerProcess.start("https-optional", cert, key);
        required = BrokerProcess.start("https-required", cert, key, "--tls-required=true");
        exceptHttp = BrokerProcess.start("https-except-http", cert, key, "--tls-required=tcp-https");
    }

    @AfterAll
    static void stop() {
        optional.close();
        required.close();
        exceptHttp.close();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsServesPingAndPublish() throws Exception {
        HttpResponse<String> ping = get(https, optional.httpsUrl() + "/ping");
        assertEquals(200, ping.statusCode());
        assertEquals("OK", ping.body());
        HttpResponse<String> pub = post(https, optional.httpsUrl() + "/pub?topic=secure", "hello");
        assertEquals(200, pub.statusCode(), pub::body);
        assertEquals("OK", pub.body());
        HttpResponse<String> stats = get(PLAIN, optional.httpUrl() + "/stats?format=json&topic=secure");
        assertTrue(stats.body().contains("\"message_count\":1"), stats::body);
    }

    @Test
    void plainHttpIsServedWhenTlsIsNotRequired() throws Exception {
        assertEquals(200, get(PLAIN, optional.httpUrl() + "/ping").statusCode());
    }

    @Test
    void plainHttpIsRefusedWithTheHttpsPortWhenTlsIsRequired() throws Exception {
        for (String path : new String[] {"/ping", "/info", "/pub?topic=t"}) {
            HttpResponse<String> r = get(PLAIN, required.httpUrl() + path);
            assertEquals(403, r.statusCode(), path);
            assertEquals("{\"message\": \"TLS_REQUIRED\", \"https_port\": " + required.httpsPort() + "}", r.body());
            assertEquals("nsq; version=1.0", r.headers().firstValue("X-NSQ-Content-Type").orElse(""));
        }
        assertEquals(200, get(https, required.httpsUrl() + "/ping").statusCode());
        assertEquals(200, post(https, required.httpsUrl() + "/pub?topic=secure", "m").statusCode());
    }

    @Test
    void plainHttpIsServedWhenOnlyTcpRequiresTls() throws Exception {
        assertEquals(200, get(PLAIN, exceptHttp.httpUrl() + "/ping").statusCode());
        assertEquals(200, get(https, exceptHttp.httpsUrl() + "/ping").statusCode());
    }

    @Test
    void infoStillAnswersOverBothPorts() throws Exception {
        assertEquals(200, get(PLAIN, optional.httpUrl() + "/info").statusCode());
        HttpResponse<String> info = get(https, optional.httpsUrl() + "/info");
        assertEquals(200, info.statusCode());
        assertTrue(info.body().contains("\"http_port\":" + optional.httpPort()), info::body);
    }

    @Test
    void untrustedClientsCannotConnect() {
        assertThrows(SSLHandshakeException.class,
                () -> get(HttpClient.newHttpClient(), optional.httpsUrl() + "/ping"));
    }
}
