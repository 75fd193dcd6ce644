package io.nsqj.it.cluster;

import io.nsqj.client.Consumer;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static io.nsqj.it.cluster.Cluster.address;
import static io.nsqj.it.cluster.Cluster.publish;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer that knows only the two lookupds finds every broker of the topic, those started later too. */
class ClusterDiscoveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start("discovery");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void consumerKnowingOnlyTheLookupdsReceivesFromEveryBroker() {
        Deliveries deliveries = new Deliveries();
        Consumer consumer = cluster.consumer("everywhere", deliveries);
        Set<String> published = new HashSet<>();
        for (BrokerProcess broker : cluster.brokers()) {
            String body = "from " + broker.tcpAddress();
            publish(broker, "everywhere", body);
            published.add(body);
        }

        await().atMost(TIMEOUT).until(() -> deliveries.containsAll(published));
        assertTrue(consumer.connectedAddresses().containsAll(cluster.brokers().stream().map(Cluster::address).toList()));
    }

    @Test
    void brokerStartedLaterIsPickedUpByTheRunningConsumer() {
        Deliveries deliveries = new Deliveries();
        Consumer consumer = cluster.consumer("growing", deliveries);
        BrokerProcess first = cluster.brokers().get(0);
        publish(first, "growing", "before");
        await().atMost(TIMEOUT).until(() -> deliveries.contains("before"));

        BrokerProcess later = cluster.startBroker("nsqd-later");
        long firstPublish = System.nanoTime();
        publish(later, "growing", "from the later broker");
        await().atMost(TIMEOUT).until(() -> deliveries.contains("from the later broker"));

        Measurement.log("new broker: first publish to delivery by the running consumer", firstPublish,
                deliveries.arrivalNanos("from the later broker"));
        assertTrue(consumer.connectedAddresses().contains(address(later)));
    }
}
