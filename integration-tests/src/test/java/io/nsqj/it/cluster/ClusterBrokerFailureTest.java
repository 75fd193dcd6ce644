package io.nsqj.it.cluster;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.FailoverProducer;
import io.nsqj.client.NsqAddress;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.LookupdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.nsqj.it.cluster.Cluster.address;
import static io.nsqj.it.cluster.Cluster.listedBy;
import static io.nsqj.it.cluster.Cluster.publish;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A broker of the cluster dies with SIGKILL. Each test kills a broker of its own (started for it), so the
 * topology the others rely on stays whole.
 */
class ClusterBrokerFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start("broker-failure");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void consumerKeepsConsumingFromTheOtherBrokersWhenOneIsKilled() {
        String topic = "survivors";
        BrokerProcess doomed = cluster.startBroker("nsqd-doomed");
        Deliveries deliveries = new Deliveries();
        Consumer consumer = cluster.consumer(topic, deliveries);
        publish(doomed, topic, "from the doomed broker");
        for (BrokerProcess broker : cluster.brokers().subList(0, 3)) {
            publish(broker, topic, "before from " + broker.tcpAddress());
        }
        await().atMost(TIMEOUT).until(() -> deliveries.bodies().size() == 4);

        long killedAt = System.nanoTime();
        doomed.kill();
        // lookupd drops a broker as soon as its registration connection closes, which the kernel does for a
        // killed process; the consumer's own connection to it closes the same way
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.lookupds().stream().noneMatch(l -> listedBy(l, topic).contains(address(doomed))));
        Measurement.log("killed broker: until no lookupd lists it", killedAt, System.nanoTime());
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> !consumer.connectedAddresses().contains(address(doomed)));
        Measurement.log("killed broker: until the consumer no longer uses it", killedAt, System.nanoTime());

        Set<String> after = new HashSet<>();
        for (BrokerProcess broker : cluster.brokers().subList(0, 3)) {
            String body = "after from " + broker.tcpAddress();
            publish(broker, topic, body);
            after.add(body);
        }
        await().atMost(TIMEOUT).until(() -> deliveries.containsAll(after));
        assertFalse(consumer.connectedAddresses().contains(address(doomed)));
    }

    @Test
    void failoverProducerKeepsPublishingWhenItsBrokerIsKilled() {
        String topic = "failover";
        BrokerProcess doomed = cluster.startBroker("nsqd-failover");
        List<String> addresses = List.of(doomed.tcpAddress(), cluster.brokers().get(0).tcpAddress(),
                cluster.brokers().get(1).tcpAddress());
        Deliveries deliveries = new Deliveries();
        cluster.consumer(topic, deliveries);
        try (FailoverProducer producer = new FailoverProducer(addresses, ClientConfig.defaults())) {
            producer.publish(topic, bytes("before the kill"));
            assertEquals(address(doomed), producer.currentAddress());
            await().atMost(TIMEOUT).until(() -> deliveries.contains("before the kill"));

            doomed.kill();
            Set<String> after = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                producer.publish(topic, bytes("after the kill " + i));
                after.add("after the kill " + i);
            }

            assertEquals(NsqAddress.parse(addresses.get(1)), producer.currentAddress());
            await().atMost(TIMEOUT).until(() -> deliveries.containsAll(after));
        }
    }

    @Test
    void unconsumedMessagesOnDiskOfAKilledBrokerAreDeliveredAfterItRestarts() {
        String topic = "on-disk";
        // --mem-queue-size=0: every message goes through the disk queue, none is held only in memory
        BrokerProcess broker = cluster.startBroker("nsqd-disk", "--mem-queue-size=0");
        Set<String> published = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            publish(broker, topic, "kept " + i);
            published.add("kept " + i);
        }
        broker.kill();
        Deliveries deliveries = new Deliveries();
        Consumer consumer = cluster.consumer(topic, deliveries);
        for (LookupdProcess lookupd : cluster.lookupds()) {
            await().atMost(TIMEOUT).until(() -> listedBy(lookupd, topic).isEmpty());
        }

        broker.start();
        await().atMost(TIMEOUT).until(() -> consumer.connectedAddresses().contains(address(broker)));
        await().atMost(TIMEOUT).until(() -> deliveries.containsAll(published));
        assertEquals(published, deliveries.bodies());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
