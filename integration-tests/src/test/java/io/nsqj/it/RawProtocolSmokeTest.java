package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RawProtocolSmokeTest {
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("smoke");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void publishedMessageIsDeliveredToSubscriber() {
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB smoke ch");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 1");
            producer.pub("smoke", "hello");
            assertEquals("OK", producer.read().text());
            Frame m = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, m.type());
            assertEquals("hello", m.body());
            assertEquals(1, m.attempts());
            consumer.command("FIN " + m.messageId());
        }
    }
}
