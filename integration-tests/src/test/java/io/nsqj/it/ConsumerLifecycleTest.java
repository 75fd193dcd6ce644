package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;

import static io.nsqj.it.NsqAssertions.assertMessage;
import static io.nsqj.it.NsqAssertions.assertResponse;
import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer's life over protocol V2: heartbeats, TOUCH, REQ's clamp, CLS, and how channels come and go. */
class ConsumerLifecycleTest {
    private static final long MAX_REQ_TIMEOUT_MILLIS = 1500;
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final Duration QUIET = Duration.ofMillis(500);

    static BrokerProcess broker;
    RawNsqConnection producer;
    RawNsqConnection consumer;
    String topic;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("lifecycle", "--max-req-timeout=" + MAX_REQ_TIMEOUT_MILLIS + "ms");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void connect(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName();
        producer = RawNsqConnection.open(broker.tcpPort());
        consumer = RawNsqConnection.open(broker.tcpPort());
    }

    @AfterEach
    void disconnect() {
        consumer.close();
        producer.close();
    }

    private RawNsqConnection newConsumer(String channel, int rdy) {
        RawNsqConnection c = RawNsqConnection.open(broker.tcpPort());
        subscribe(c, topic, channel);
        c.command("RDY " + rdy);
        return c;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void heartbeatsArriveAtTheNegotiatedIntervalWhileTheClientAnswers() {
        consumer.identify("{\"heartbeat_interval\":" + HEARTBEAT_MILLIS + "}");
        assertResponse("OK", consumer.read());
        long previous = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Frame f = consumer.readAny();
            assertTrue(f.isHeartbeat(), f::toString);
            long gap = millisSince(previous);
            previous = System.nanoTime();
            assertTrue(gap >= HEARTBEAT_MILLIS - 200 && gap <= HEARTBEAT_MILLIS + 500, "heartbeat after " + gap + "ms");
            consumer.command("NOP");
        }
        // three intervals have passed: answering heartbeats kept the connection alive
        publish(consumer, topic, "still connected");
    }

    @Test
    void clientSilentForTwoHeartbeatIntervalsIsDisconnected() {
        consumer.identify("{\"heartbeat_interval\":" + HEARTBEAT_MILLIS + "}");
        assertResponse("OK", consumer.read());
        // the silence starts between two heartbeats: nsqd counts it from the client's last command
        assertTrue(consumer.poll(Duration.ofMillis(HEARTBEAT_MILLIS / 3)).isEmpty());
        consumer.command("NOP");
        long silentSince = System.nanoTime();
        assertTrue(consumer.isClosedByPeer(), "a silent client is disconnected");
        long silence = millisSince(silentSince);
        assertTrue(silence >= 2 * HEARTBEAT_MILLIS - 100 && silence <= 2 * HEARTBEAT_MILLIS + 400,
                "disconnected after " + silence + "ms of silence");
    }

    @Test
    void touchExtendsTheMessageTimeout() {
        consumer.identify("{\"msg_timeout\":1000}");
        assertResponse("OK", consumer.read());
        subscribe(consumer, topic, "ch");
        consumer.command("RDY 1");
        publish(producer, topic, "slow work");
        Frame m = assertMessage("slow work", 1, consumer.read());
        // 1.8s of work on a 1s timeout: without the TOUCHes the message would come back with attempts 2
        for (int i = 0; i < 3; i++) {
            assertTrue(consumer.poll(Duration.ofMillis(600)).isEmpty(), "nothing arrives while the work goes on");
            consumer.command("TOUCH " + m.messageId());
        }
        consumer.command("FIN " + m.messageId());
        publish(producer, topic, "next");
        assertMessage("next", 1, consumer.read());
    }

    @Test
    void reqDelayAboveMaxReqTimeoutIsClampedToIt() {
        subscribe(consumer, topic, "ch");
        consumer.command("RDY 1");
        publish(producer, topic, "retry later");
        Frame m = assertMessage("retry later", 1, consumer.read());
        consumer.command("REQ " + m.messageId() + " 3600000");
        assertTrue(consumer.poll(Duration.ofMillis(MAX_REQ_TIMEOUT_MILLIS - 300)).isEmpty(),
                "nothing before the requeue delay, and no error for the delay above the maximum");
        Frame again = consumer.poll(Duration.ofSeconds(3)).orElseThrow(
                () -> new AssertionError("the requeue delay was not clamped to --max-req-timeout"));
        assertMessage("retry later", 2, again);
    }

    @Test
    void clsAnswersCloseWaitAndStopsDelivery() {
        subscribe(consumer, topic, "ch");
        consumer.command("RDY 10");
        publish(producer, topic, "before CLS");
        Frame m = assertMessage("before CLS", 1, consumer.read());
        consumer.command("CLS");
        assertResponse("CLOSE_WAIT", consumer.read());
        consumer.command("FIN " + m.messageId());
        publish(producer, topic, "after CLS");
        assertTrue(consumer.poll(QUIET).isEmpty(), "no delivery after CLS, and the FIN after it succeeded");
        consumer.disconnect();
        try (RawNsqConnection next = newConsumer("ch", 1)) {
            assertMessage("after CLS", 1, next.read());
        }
    }

    @Test
    void ephemeralChannelDisappearsWhenItsLastClientLeaves() {
        subscribe(consumer, topic, "ch#ephemeral");
        publish(producer, topic, "left behind");
        consumer.disconnect();
        // the broker learns of the disconnect on its own time: a SUB that came first would keep the channel
        await().atMost(Duration.ofSeconds(10)).until(() -> !BrokerStats.of(broker).hasChannel(topic, "ch#ephemeral"));
        try (RawNsqConnection next = newConsumer("ch#ephemeral", 1)) {
            assertTrue(next.poll(QUIET).isEmpty(), "the channel, with its message, went away with its last client");
            publish(producer, topic, "fresh");
            assertMessage("fresh", 1, next.read());
        }
    }

    @Test
    void durableChannelKeepsItsMessagesWhenItsLastClientLeaves() {
        subscribe(consumer, topic, "ch");
        publish(producer, topic, "kept");
        consumer.disconnect();
        try (RawNsqConnection next = newConsumer("ch", 1)) {
            assertMessage("kept", 1, next.read());
        }
    }

    @Test
    void messagesPublishedBeforeAnyChannelExistsGoToTheFirstChannel() {
        publish(producer, topic, "early 1");
        publish(producer, topic, "early 2");
        try (RawNsqConnection first = newConsumer("first", 10)) {
            assertMessage("early 1", 1, first.read());
            assertMessage("early 2", 1, first.read());
            try (RawNsqConnection second = newConsumer("second", 10)) {
                assertTrue(second.poll(QUIET).isEmpty(), "a channel created later does not get them");
            }
        }
    }
}
