package io.nsqj.it;

import com.sproutsocial.nsq.Publisher;
import com.sproutsocial.nsq.Subscriber;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.LookupdProcess;
import io.nsqj.testsupport.RawLookupConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real NSQ client (nsq-j) finds a broker through lookupd's /lookup and consumes from it. */
class LookupdDiscoveryTest {
    @Test
    void subscriberFindsTheBrokerThroughLookupd() {
        try (LookupdProcess lookupd = LookupdProcess.start("lookupd-discovery");
             BrokerProcess broker = BrokerProcess.start("broker-discovery");
             RawLookupConnection registration = RawLookupConnection.open(lookupd.tcpPort())) {
            // plays the broker's side of lookupd registration, as nsqd does for itself
            registration.identify(LookupdRegistrationTest.identifyJson("127.0.0.1", broker.tcpPort(),
                    broker.httpPort())).read();
            assertEquals("OK", registration.call("REGISTER discovered"));

            List<String> received = new CopyOnWriteArrayList<>();
            Subscriber subscriber = new Subscriber(1, "127.0.0.1:" + lookupd.httpPort());
            Publisher publisher = new Publisher(broker.tcpAddress());
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
