package io.nsqj.it;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Producer;
import io.nsqj.client.TlsSettings;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * --tls-client-auth-policy as nsqd: "require" wants any client certificate, "require-verify" a trusted one,
 * whose common name the auth server is then told.
 */
class ClientCertificateTest {
    private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();
    static TestCertificates server;
    static TestCertificates trustedClient;
    static TestCertificates strangerClient;
    static BrokerProcess requireAny;
    static BrokerProcess requireVerified;
    static AuthServer authServer;
    static BrokerProcess verifiedWithAuth;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target/it-work/client-certs-" + System.nanoTime());
        server = TestCertificates.create(dir.resolve("server"));
        trustedClient = TestCertificates.create(dir.resolve("trusted"));
        strangerClient = TestCertificates.create(dir.resolve("stranger"));
        String[] tls = {"--tls-cert=" + server.certPem(), "--tls-key=" + server.keyPem()};
        requireAny = BrokerProcess.start("client-cert-require", tls[0], tls[1], "--tls-client-auth-policy=require");
        requireVerified = BrokerProcess.start("client-cert-verify", tls[0], tls[1],
                "--tls-client-auth-policy=require-verify", "--tls-root-ca-file=" + trustedClient.certPem());
        authServer = new AuthServer(60);
        verifiedWithAuth = BrokerProcess.start("client-cert-auth", tls[0], tls[1],
                "--tls-client-auth-policy=require-verify", "--tls-root-ca-file=" + trustedClient.certPem(),
                "--auth-http-address=" + authServer.address());
    }

    @AfterAll
    static void stop() {
        requireAny.close();
        requireVerified.close();
        verifiedWithAuth.close();
        authServer.close();
    }

    /** A client that trusts the broker and presents {@code identity}'s certificate, or none. */
    private static TlsSettings clientTls(TestCertificates identity) throws Exception {
        KeyStore trust = load(server.trustStore());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity == null ? null : load(identity.keyStore()), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(identity == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return TlsSettings.of(ctx);
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static void publish(BrokerProcess broker, TestCertificates identity) throws Exception {
        try (Producer producer = new Producer(broker.tcpAddress(), ClientConfig.builder().tls(clientTls(identity)).build())) {
            producer.publish("certified", new byte[]{1});
        }
    }

    @Test
    void authServerIsToldTheClientCertificatesCommonName() throws Exception {
        ClientConfig config = ClientConfig.builder().tls(clientTls(trustedClient)).authSecret("good").build();
        try (Producer producer = new Producer(verifiedWithAuth.tcpAddress(), config)) {
            producer.publish("granted", new byte[]{1});
        }
        assertEquals(Map.of("remote_ip", "127.0.0.1", "tls", "true", "secret", "good", "common_name", "localhost"),
                authServer.requests.get(0));
    }

    @Test
    void requireAcceptsAnyClientCertificate() {
        assertDoesNotThrow(() -> publish(requireAny, strangerClient));
    }

    @Test
    void requireRefusesAClientWithoutCertificate() {
        assertThrows(Exception.class, () -> publish(requireAny, null));
    }

    @Test
    void requireVerifyAcceptsACertificateSignedByTheRootCa() {
        assertDoesNotThrow(() -> publish(requireVerified, trustedClient));
    }

    @Test
    void requireVerifyRefusesACertificateItDoesNotTrust() {
        assertThrows(Exception.class, () -> publish(requireVerified, strangerClient));
    }
}
