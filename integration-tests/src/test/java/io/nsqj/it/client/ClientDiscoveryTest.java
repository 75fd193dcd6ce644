package io.nsqj.it.client;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.NsqAddress;
import io.nsqj.client.Producer;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A consumer spread over several real brokers, given directly or found through a fake lookupd. */
class ClientDiscoveryTest {
    private static final Duration POLL = Duration.ofMillis(500);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void consumerGivenTwoBrokersReceivesFromBoth() {
        BrokerProcess a = broker("direct-a");
        BrokerProcess b = broker("direct-b");
        ReceivedMessages received = new ReceivedMessages();
        Consumer consumer = consumer(received, ClientConfig.builder().maxInFlight(10).build());
        consumer.connectToNsqd(a.tcpAddress(), b.tcpAddress());

        publish(a, "from-a");
        publish(b, "from-b");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.equals(Set.of("from-a", "from-b")));
        assertEquals(2, received.count());
    }

    @Test
    void lookupdAnswersDecideWhichBrokersAreUsed() {
        BrokerProcess a = broker("lookup-a");
        BrokerProcess b = broker("lookup-b");
        FakeLookupd lookupd = new FakeLookupd();
        resources.add(lookupd);
        lookupd.addProducer(a.tcpPort());
        ReceivedMessages received = new ReceivedMessages();
        Consumer consumer = consumer(received, ClientConfig.builder().maxInFlight(10).lookupdPollInterval(POLL).build());
        consumer.connectToLookupd(lookupd.address());

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().equals(Set.of(address(a))));
        publish(a, "a-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.contains("a-1"));

        // a broker that appears in lookupd's answer is picked up at the next poll
        lookupd.addProducer(b.tcpPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().equals(Set.of(address(a), address(b))));
        publish(b, "b-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.contains("b-1"));

        // one no longer listed is left, and what it holds stays there
        lookupd.removeProducer(a.tcpPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().equals(Set.of(address(b))));
        publish(a, "a-unseen");
        publish(b, "b-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.contains("b-2"));
        int lookupsSoFar = lookupd.lookups();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookupd.lookups() >= lookupsSoFar + 2);
        assertEquals(Set.of("a-1", "b-1", "b-2"), received.distinct);
    }

    @Test
    void killedBrokerStopsBeingUsedAndTheOthersCarryOn() {
        BrokerProcess a = broker("killed-a");
        BrokerProcess b = broker("killed-b");
        FakeLookupd lookupd = new FakeLookupd();
        resources.add(lookupd);
        lookupd.addProducer(a.tcpPort());
        lookupd.addProducer(b.tcpPort());
        ReceivedMessages received = new ReceivedMessages();
        Consumer consumer = consumer(received, ClientConfig.builder().maxInFlight(10).lookupdPollInterval(POLL).build());
        consumer.connectToLookupd(lookupd.address());
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().size() == 2);

        a.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().equals(Set.of(address(b))));
        // lookupd still lists the dead broker for a while: polls keep failing to connect, harmlessly
        int lookupsSoFar = lookupd.lookups();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookupd.lookups() >= lookupsSoFar + 2);
        publish(b, "still-flowing");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.contains("still-flowing"));
        assertEquals(Set.of(address(b)), consumer.connectedAddresses());
    }

    private BrokerProcess broker(String name) {
        BrokerProcess broker = BrokerProcess.start(name);
        resources.add(broker);
        return broker;
    }

    private Consumer consumer(ReceivedMessages handler, ClientConfig config) {
        Consumer consumer = new Consumer("spread", "ch", handler, config);
        resources.add(consumer::stop);
        return consumer;
    }

    private void publish(BrokerProcess broker, String body) {
        try (Producer producer = new Producer(broker.tcpAddress(), ClientConfig.defaults())) {
            producer.publish("spread", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static NsqAddress address(BrokerProcess broker) {
        return new NsqAddress("127.0.0.1", broker.tcpPort());
    }
}
