package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages and metadata outlive the broker process: graceful stop, and SIGKILL for what is on disk. */
class RestartTest {
    private static final int N = 1000;
    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyMessageIsDeliveredAfterGracefulRestart() {
        broker = BrokerProcess.start("restart-graceful", "--mem-queue-size=10");
        createChannel("orders", "billing");
        Set<String> published = publish("orders", N);

        broker.stop();
        broker.start();

        assertEquals(published, consume("orders", "billing", N));
    }

    @Test
    void inFlightMessagesAreRedeliveredAfterGracefulRestart() {
        broker = BrokerProcess.start("restart-inflight");
        createChannel("jobs", "workers");
        Set<String> published = publish("jobs", 50);
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB jobs workers");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 10");
            for (int i = 0; i < 10; i++) {
                assertEquals(RawNsqConnection.FRAME_MESSAGE, consumer.read().type());
            }
            broker.stop();
        }
        broker.start();

        assertEquals(published, consume("jobs", "workers", 50));
    }

    @Test
    void messagesWrittenToDiskSurviveSigkill() {
        broker = BrokerProcess.start("restart-kill", "--mem-queue-size=0");
        createChannel("events", "audit");
        Set<String> published = publish("events", N);

        broker.kill();
        broker.start();

        assertEquals(published, consume("events", "audit", N));
    }

    @Test
    void channelsExistAgainAfterRestart() {
        broker = BrokerProcess.start("restart-meta", "--mem-queue-size=0");
        createChannel("clicks", "analytics");
        broker.stop();
        broker.start();

        // the channel was recorded in nsqd.dat, so it receives messages published before anyone subscribes
        Set<String> published = publish("clicks", 20);
        assertEquals(published, consume("clicks", "analytics", 20));
    }

    private void createChannel(String topic, String channel) {
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + topic + " " + channel);
            assertEquals("OK", c.read().text());
        }
    }

    private Set<String> publish(String topic, int count) {
        Set<String> bodies = new HashSet<>();
        try (RawNsqConnection p = RawNsqConnection.open(broker.tcpPort())) {
            for (int start = 0; start < count; start += 100) {
                String[] batch = new String[Math.min(100, count - start)];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = topic + "-" + (start + i);
                    bodies.add(batch[i]);
                }
                p.command("MPUB " + topic, RawNsqConnection.mpubBody(batch));
                assertEquals("OK", p.read().text());
            }
        }
        return bodies;
    }

    private Set<String> consume(String topic, String channel, int count) {
        Set<String> received = new HashSet<>();
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + topic + " " + channel);
            assertEquals("OK", c.read().text());
            c.command("RDY 100");
            while (received.size() < count) {
                Frame f = c.read();
                assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f.text());
                assertTrue(received.add(f.body()) || f.attempts() > 1, "unexpected duplicate " + f.body());
                c.command("FIN " + f.messageId());
            }
        }
        return received;
    }
}
