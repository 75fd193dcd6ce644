package io.nsqj.it;

import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.Config;
import com.sproutsocial.nsq.DirectSubscriber;
import com.sproutsocial.nsq.MessageHandler;
import com.sproutsocial.nsq.Publisher;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * nsq-j 1.2 negotiates TLS (through its Client's SSLSocketFactory), snappy (with snappy-java on the classpath,
 * as its users add it) and deflate with the broker.
 */
class NsqJFeaturesTest {
    static TestCertificates certs;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(Path.of("target/it-work/certs-nsq-j-" + System.nanoTime()));
        broker = BrokerProcess.start("nsq-j-features", "--tls-cert=" + certs.certPem(), "--tls-key=" + certs.keyPem());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.trustStore())) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        // DirectSubscriber always uses the default Client: it gets the trust too
        Client.getDefaultClient().setSSLSocketFactory(ctx.getSocketFactory());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static void roundTrip(String topic, Config config) throws InterruptedException {
        config.setFeatureNegotiation(true);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        DirectSubscriber subscriber = new DirectSubscriber(60, broker.tcpAddress());
        subscriber.setConfig(config);
        subscriber.subscribe(topic, "ch",
                (MessageHandler) msg -> received.add(new String(msg.getData(), StandardCharsets.UTF_8)));
        Publisher publisher = new Publisher(Client.getDefaultClient(), broker.tcpAddress(), null);
        publisher.setConfig(config);
        try {
            String big = "compressible ".repeat(3000);
            publisher.publish(topic, "small".getBytes(StandardCharsets.UTF_8));
            publisher.publish(topic, big.getBytes(StandardCharsets.UTF_8));
            assertEquals("small", received.poll(10, TimeUnit.SECONDS));
            assertEquals(big, received.poll(10, TimeUnit.SECONDS));
        } finally {
            publisher.stop();
            subscriber.stop();
        }
    }

    @Test
    void tls() throws InterruptedException {
        Config config = new Config();
        config.setTlsV1(true);
        roundTrip("nsqj_tls", config);
    }

    @Test
    void deflate() throws InterruptedException {
        Config config = new Config();
        config.setDeflate(true);
        config.setDeflateLevel(4);
        roundTrip("nsqj_deflate", config);
    }

    @Test
    void snappy() throws InterruptedException {
        Config config = new Config();
        config.setSnappy(true);
        roundTrip("nsqj_snappy", config);
    }

    @Test
    void tlsWithSnappy() throws InterruptedException {
        Config config = new Config();
        config.setTlsV1(true);
        config.setSnappy(true);
        roundTrip("nsqj_tls_snappy", config);
    }

    @Test
    void tlsWithDeflate() throws InterruptedException {
        Config config = new Config();
        config.setTlsV1(true);
        config.setDeflate(true);
        roundTrip("nsqj_tls_deflate", config);
    }
}
