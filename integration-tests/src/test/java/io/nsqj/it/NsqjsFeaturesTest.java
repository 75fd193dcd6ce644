package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * nsqjs negotiates TLS, snappy and deflate in IDENTIFY and then speaks through them: a Writer and a Reader with
 * each combination exchange messages with the broker.
 */
class NsqjsFeaturesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestCertificates certs;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        NodeScript.installDependencies();
        certs = TestCertificates.create(Path.of("target/it-work/certs-nsqjs-" + System.nanoTime()));
        broker = BrokerProcess.start("nsqjs-features", "--tls-cert=" + certs.certPem(), "--tls-key=" + certs.keyPem());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"tls\":true,\"tlsVerification\":false}",
            "{\"tls\":true,\"caFile\":\"CA\"}",
            "{\"snappy\":true}",
            "{\"deflate\":true,\"deflateLevel\":9}",
            "{\"tls\":true,\"tlsVerification\":false,\"snappy\":true}",
            "{\"tls\":true,\"tlsVerification\":false,\"deflate\":true}"})
    void writerAndReaderExchangeMessagesThroughTheNegotiatedFeatures(String options) throws IOException {
        String nsqjsOptions = options.replace("\"CA\"", JSON.writeValueAsString(certs.certPem().toAbsolutePath().toString()));
        Map<String, String> env = Map.of("NSQJS_OPTIONS", nsqjsOptions);
        String topic = "features" + Integer.toHexString(options.hashCode());
        try (NodeScript reader = NodeScript.start(env, "consume.js", broker.tcpAddress(), topic, "ch", "3")) {
            assertEquals("ready", reader.nextLine(TIMEOUT));
            // bodies long and repetitive enough that snappy and deflate really compress them
            String big = "compressible ".repeat(2000);
            try (NodeScript writer = NodeScript.start(env, "publish.js", broker.tcpAddress(), topic, "batch",
                    "one", "two", big)) {
                JsonNode result = JSON.readTree(writer.nextLine(TIMEOUT));
                assertEquals(3, result.get("published").asInt());
                writer.assertSucceeds(TIMEOUT);
            }
            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                bodies.add(JSON.readTree(reader.nextLine(TIMEOUT)).get("body").asText());
            }
            assertEquals(Set.of("one", "two", big), bodies);
            reader.assertSucceeds(TIMEOUT);
        }
    }
}
