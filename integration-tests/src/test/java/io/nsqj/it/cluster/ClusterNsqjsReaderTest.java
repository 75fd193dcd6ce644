package io.nsqj.it.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.it.NodeScript;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.LookupdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static io.nsqj.it.cluster.Cluster.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** nsqjs, the Node.js client, unchanged: its Reader finds the brokers through our lookupds (src/test/node). */
class ClusterNsqjsReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        NodeScript.installDependencies();
        cluster = Cluster.start("nsqjs");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void nsqjsReaderGivenOnlyTheLookupdsReceivesFromEveryBroker() throws IOException {
        String topic = "nsqjs-everywhere";
        Set<String> published = new HashSet<>();
        // published first, so the lookupds list every broker for the topic when the Reader first asks them;
        // each broker keeps its message for the channel the Reader will create
        for (BrokerProcess broker : cluster.brokers()) {
            String body = "from " + broker.tcpAddress();
            publish(broker, topic, body);
            published.add(body);
        }
        String lookupds = cluster.lookupds().stream().map(LookupdProcess::httpUrl).collect(Collectors.joining(","));

        try (NodeScript reader = NodeScript.start("consume.js", lookupds, topic, "ch",
                Integer.toString(published.size()))) {
            Set<String> received = new HashSet<>();
            while (received.size() < published.size()) {
                String line = reader.nextLine(TIMEOUT);
                // nsqjs says "ready" only if its first connection is ready before the others connected
                if (!line.equals("ready")) {
                    received.add(JSON.readTree(line).get("body").asText());
                }
            }
            assertEquals(published, received);
            reader.assertSucceeds(TIMEOUT);
        }
    }
}
