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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.nsqj.it.NsqAssertions.assertError;
import static io.nsqj.it.NsqAssertions.assertMessage;
import static io.nsqj.it.NsqAssertions.assertResponse;
import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;

/**
 * FIN, REQ and TOUCH of a message the client does not hold fail without closing the connection, as nsqd's
 * NewClientErr: the consumer keeps receiving and finishing messages afterwards.
 */
class NonFatalErrorsTest {
    private static final String NOT_IN_FLIGHT = "0123456789abcdef";

    static BrokerProcess broker;
    Bystander bystander;
    RawNsqConnection producer;
    RawNsqConnection consumer;
    String topic;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("non-fatal");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void connect(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName();
        bystander = Bystander.connect(broker.tcpPort());
        producer = RawNsqConnection.open(broker.tcpPort());
        consumer = RawNsqConnection.open(broker.tcpPort());
        subscribe(consumer, topic, "ch");
        consumer.command("RDY 1");
    }

    @AfterEach
    void disconnect() {
        consumer.close();
        producer.close();
        bystander.close();
    }

    /** The connection that got the error still receives and finishes messages; others are served too. */
    private void assertConsumerKeepsWorking() {
        publish(producer, topic, "after the error");
        Frame m = assertMessage("after the error", 1, consumer.read());
        consumer.command("FIN " + m.messageId());
        publish(producer, topic, "after the FIN");
        assertMessage("after the FIN", 1, consumer.read());
        bystander.assertStillServed();
    }

    @Test
    void finOfMessageNotInFlightFailsWithoutClosing() {
        consumer.command("FIN " + NOT_IN_FLIGHT);
        assertError("E_FIN_FAILED FIN " + NOT_IN_FLIGHT + " failed ID not in flight", consumer.read());
        assertConsumerKeepsWorking();
    }

    @Test
    void finOfMessageAlreadyFinishedFailsWithoutClosing() {
        publish(producer, topic, "once");
        Frame m = assertMessage("once", 1, consumer.read());
        consumer.command("FIN " + m.messageId());
        consumer.command("FIN " + m.messageId());
        assertError("E_FIN_FAILED FIN " + m.messageId() + " failed ID not in flight", consumer.read());
        assertConsumerKeepsWorking();
    }

    @Test
    void reqOfMessageNotInFlightFailsWithoutClosing() {
        consumer.command("REQ " + NOT_IN_FLIGHT + " 0");
        assertError("E_REQ_FAILED REQ " + NOT_IN_FLIGHT + " failed ID not in flight", consumer.read());
        assertConsumerKeepsWorking();
    }

    @Test
    void touchOfMessageNotInFlightFailsWithoutClosing() {
        consumer.command("TOUCH " + NOT_IN_FLIGHT);
        assertError("E_TOUCH_FAILED TOUCH " + NOT_IN_FLIGHT + " failed ID not in flight", consumer.read());
        assertConsumerKeepsWorking();
    }

    @Test
    void finOfMessageHeldByAnotherClientFailsWithoutClosing() {
        try (RawNsqConnection holder = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("RDY 0");
            subscribe(holder, topic, "ch");
            holder.command("RDY 1");
            publish(producer, topic, "held elsewhere");
            Frame m = assertMessage("held elsewhere", 1, holder.read());

            consumer.command("FIN " + m.messageId());
            assertError("E_FIN_FAILED FIN " + m.messageId() + " failed client does not own message", consumer.read());
            consumer.command("RDY 1");
            assertConsumerKeepsWorking();
        }
    }

    @Test
    void nonFatalErrorsKeepTheirPlaceAmongOtherReplies() {
        // the errors are decided on the subscribed topic's loop, the OKs on other topics' loops: several
        // rounds give the broker every chance to let an answer overtake another
        for (int round = 0; round < 10; round++) {
            try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
                subscribe(c, topic + round, "ch");
                ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
                pipelined.writeBytes(line("FIN " + NOT_IN_FLIGHT));
                pipelined.writeBytes(pub(topic + round + "-a"));
                pipelined.writeBytes(line("TOUCH " + NOT_IN_FLIGHT));
                pipelined.writeBytes(pub(topic + round + "-b"));
                pipelined.writeBytes(line("REQ " + NOT_IN_FLIGHT + " 0"));
                pipelined.writeBytes(line("CLS"));
                c.write(pipelined.toByteArray());

                assertError("E_FIN_FAILED FIN " + NOT_IN_FLIGHT + " failed ID not in flight", c.read());
                assertResponse("OK", c.read());
                assertError("E_TOUCH_FAILED TOUCH " + NOT_IN_FLIGHT + " failed ID not in flight", c.read());
                assertResponse("OK", c.read());
                assertError("E_REQ_FAILED REQ " + NOT_IN_FLIGHT + " failed ID not in flight", c.read());
                assertResponse("CLOSE_WAIT", c.read());
            }
        }
        bystander.assertStillServed();
    }

    private static byte[] line(String command) {
        return (command + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pub(String topic) {
        byte[] line = line("PUB " + topic);
        return ByteBuffer.allocate(line.length + 5).put(line).putInt(1).put((byte) 'x').array();
    }
}
