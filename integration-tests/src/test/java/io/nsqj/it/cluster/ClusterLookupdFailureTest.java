package io.nsqj.it.cluster;

import io.nsqj.client.Consumer;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.nsqj.it.cluster.Cluster.address;
import static io.nsqj.it.cluster.Cluster.publish;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One of the two lookupds dies with SIGKILL; the other is enough for consumers to find brokers. */
class ClusterLookupdFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start("lookupd-failure");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void discoveryKeepsWorkingThroughTheOtherLookupdWhenOneIsKilled() {
        Deliveries deliveries = new Deliveries();
        // still told both lookupds: the dead one fails its polls, the live one answers them
        Consumer consumer = cluster.consumer("after-lookupd-loss", deliveries);
        cluster.lookupds().get(0).kill();

        // a topic that appears only now, on a broker of the topology
        BrokerProcess existing = cluster.brokers().get(0);
        publish(existing, "after-lookupd-loss", "new topic");
        await().atMost(TIMEOUT).until(() -> deliveries.contains("new topic"));

        // and a broker that joins only now, while one of its lookupds is down
        BrokerProcess joining = cluster.startBroker("nsqd-joining");
        publish(joining, "after-lookupd-loss", "new broker");
        await().atMost(TIMEOUT).until(() -> deliveries.contains("new broker"));
        assertTrue(consumer.connectedAddresses().contains(address(joining)));
    }
}
