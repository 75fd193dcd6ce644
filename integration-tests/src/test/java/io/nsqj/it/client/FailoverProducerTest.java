package io.nsqj.it.client;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.FailoverProducer;
import io.nsqj.client.NsqAddress;
import io.nsqj.client.NsqErrorException;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** FailoverProducer against a real broker: which failures move it to the next nsqd, and which do not. */
class FailoverProducerTest {
    private static BrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("failover", "--max-msg-size=16");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void unreachableNsqdIsSkippedForTheNextOne() {
        String unreachable = "127.0.0.1:" + FreePorts.next();
        try (FailoverProducer producer = new FailoverProducer(List.of(unreachable, broker.tcpAddress()),
                ClientConfig.defaults())) {
            producer.publish("failover", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals(NsqAddress.parse(broker.tcpAddress()), producer.currentAddress());
        }
    }

    @Test
    void messageRefusedByNsqdIsNotTriedOnTheNextOne() {
        String unreachable = "127.0.0.1:" + FreePorts.next();
        try (FailoverProducer producer = new FailoverProducer(List.of(broker.tcpAddress(), unreachable),
                ClientConfig.defaults())) {
            // over --max-msg-size: E_BAD_MESSAGE, which any nsqd would answer, so no failover
            NsqErrorException e = assertThrows(NsqErrorException.class,
                    () -> producer.publish("failover", new byte[64]));
            assertEquals("E_BAD_MESSAGE", e.code());
            assertEquals(NsqAddress.parse(broker.tcpAddress()), producer.currentAddress());
        }
    }
}
