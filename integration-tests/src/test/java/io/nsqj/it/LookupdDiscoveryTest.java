package io.nsqj.it;

import com.sproutsocial.nsq.Publisher;
import com.sproutsocial.nsq.Subscriber;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.LookupdProcess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The broker registers itself with lookupd, and a real NSQ client (nsq-j) finds it through /lookup. */
class LookupdDiscoveryTest {
    @Test
    void subscriberFindsTheBrokerThroughLookupd() {
        try (LookupdProcess lookupd = LookupdProcess.start("lookupd-discovery");
             BrokerProcess broker = BrokerProcess.start("broker-discovery", "--broadcast-address=127.0.0.1",
                     "--lookupd-tcp-address", "127.0.0.1:" + lookupd.tcpPort())) {
            Publisher publisher = new Publisher(broker.tcpAddress());
            // the topic exists (and the broker registers it with lookupd) once something is published
            publisher.publish("discovered", "first".getBytes(StandardCharsets.UTF_8));
            List<String> received = new CopyOnWriteArrayList<>();
            Subscriber subscriber = new Subscriber(1, "127.0.0.1:" + lookupd.httpPort());
            try {
                subscriber.subscribe("discovered", "ch",
                        (byte[] data) -> received.add(new String(data, StandardCharsets.UTF_8)));
                await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.getConnectionCount() == 1);
                publisher.publish("discovered", "found you".getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("found you"));
            } finally {
                publisher.stop();
                subscriber.stop();
            }
        }
    }
}
