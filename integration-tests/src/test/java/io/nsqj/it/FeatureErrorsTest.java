package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.nsqj.it.NsqAssertions.assertFatal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong uses of IDENTIFY's features and of AUTH get nsqd's errors, and the connection closes. */
class FeatureErrorsTest {
    static BrokerProcess plain;
    static BrokerProcess tlsRequired;

    @BeforeAll
    static void start() {
        TestCertificates certs = TestCertificates.create(Path.of("target/it-work/certs-errors-" + System.nanoTime()));
        plain = BrokerProcess.start("feature-errors");
        tlsRequired = BrokerProcess.start("tls-required", "--tls-cert=" + certs.certPem(),
                "--tls-key=" + certs.keyPem(), "--tls-required");
    }

    @AfterAll
    static void stop() {
        plain.close();
        tlsRequired.close();
    }

    @Test
    void snappyAndDeflateTogetherIsIdentifyFailed() {
        try (RawNsqConnection c = RawNsqConnection.open(plain.tcpPort())) {
            c.identify("{\"feature_negotiation\":true,\"snappy\":true,\"deflate\":true}");
            assertFatal("E_IDENTIFY_FAILED cannot enable both deflate and snappy compression", c);
        }
    }

    @Test
    void authWithoutAuthServersIsAuthDisabled() {
        try (RawNsqConnection c = RawNsqConnection.open(plain.tcpPort())) {
            c.command("AUTH", "secret".getBytes());
            assertFatal("E_AUTH_DISABLED AUTH disabled", c);
        }
    }

    @Test
    void plainConnectionToABrokerRequiringTlsMayOnlyIdentify() {
        try (RawNsqConnection c = RawNsqConnection.open(tlsRequired.tcpPort())) {
            c.identify("{\"client_id\":\"plain\"}");
            RawNsqConnection.Frame ok = c.read();
            assertEquals("OK", ok.text());
            c.pub("t", "x");
            assertFatal("E_INVALID cannot PUB in current state (TLS required)", c);
        }
        try (RawNsqConnection c = RawNsqConnection.open(tlsRequired.tcpPort())) {
            c.command("SUB t ch");
            assertFatal("E_INVALID cannot SUB in current state (TLS required)", c);
        }
    }

    @Test
    void brokerWithoutCertificateAnswersTlsFalse() {
        try (RawNsqConnection c = RawNsqConnection.open(plain.tcpPort())) {
            c.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            assertTrue(c.read().text().contains("\"tls_v1\":false"));
        }
    }
}
