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
import java.util.Locale;

import static io.nsqj.it.NsqAssertions.assertError;
import static io.nsqj.it.NsqAssertions.assertMessage;
import static io.nsqj.it.NsqAssertions.assertResponse;
import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /**
     * nsqd matches the 16 bytes of an id as sent against the lower-case ids it wrote: another spelling of an id
     * in flight is not in flight, a non-fatal error that leaves the message in flight.
     */
    @Test
    void finOfUpperCaseSpellingOfAnIdInFlightFailsWithoutClosing() {
        Frame m = messageWithLetterInId();
        String upper = m.messageId().toUpperCase(Locale.ROOT);
        consumer.command("FIN " + upper);
        assertError("E_FIN_FAILED FIN " + upper + " failed ID not in flight", consumer.read());
        consumer.command("FIN " + m.messageId());
        assertConsumerKeepsWorking();
    }

    @Test
    void reqOfUpperCaseSpellingOfAnIdInFlightFailsWithoutClosing() {
        Frame m = messageWithLetterInId();
        String upper = m.messageId().toUpperCase(Locale.ROOT);
        consumer.command("REQ " + upper + " 0");
        assertError("E_REQ_FAILED REQ " + upper + " failed ID not in flight", consumer.read());
        consumer.command("FIN " + m.messageId());
        assertConsumerKeepsWorking();
    }

    @Test
    void touchOfUpperCaseSpellingOfAnIdInFlightFailsWithoutClosing() {
        Frame m = messageWithLetterInId();
        String upper = m.messageId().toUpperCase(Locale.ROOT);
        consumer.command("TOUCH " + upper);
        assertError("E_TOUCH_FAILED TOUCH " + upper + " failed ID not in flight", consumer.read());
        consumer.command("FIN " + m.messageId());
        assertConsumerKeepsWorking();
    }

    /**
     * A consumer's FINs in one read run together on the channel's loop: the ones that fail still answer one by
     * one, in command order around the other commands of that read (here a PUB, whose OK comes between them,
     * and a TOUCH), while the FINs that found their messages answer nothing.
     */
    @Test
    void failedFinsOfOneReadAnswerInCommandOrderAroundOtherCommands() {
        consumer.command("RDY 2");
        publish(producer, topic, "first");
        publish(producer, topic, "second");
        Frame first = assertMessage("first", 1, consumer.read());
        Frame second = assertMessage("second", 1, consumer.read());
        String a = "aaaaaaaaaaaaaaaa";
        String b = "bbbbbbbbbbbbbbbb";
        String c = "cccccccccccccccc";
        String d = "dddddddddddddddd";
        byte[] body = ascii("published by a consumer");
        consumer.write(concat(
                ascii("FIN " + a + "\nFIN " + first.messageId() + "\nFIN " + b + "\n"),
                ascii("PUB elsewhere\n"), ByteBuffer.allocate(4).putInt(body.length).array(), body,
                ascii("FIN " + c + "\nTOUCH " + d + "\nFIN " + second.messageId() + "\n")));
        assertError("E_FIN_FAILED FIN " + a + " failed ID not in flight", consumer.read());
        assertError("E_FIN_FAILED FIN " + b + " failed ID not in flight", consumer.read());
        assertResponse("OK", consumer.read());
        assertError("E_FIN_FAILED FIN " + c + " failed ID not in flight", consumer.read());
        assertError("E_TOUCH_FAILED TOUCH " + d + " failed ID not in flight", consumer.read());
        // both messages were finished: nothing comes back after their timeout, and new ones flow
        assertConsumerKeepsWorking();
    }

    /** nsqd writes the id back with %s: its bytes as sent, whether or not they are text. */
    @Test
    void finOfSixteenBytesThatAreNotHexEchoesThemAsSent() {
        byte[] id = {'n', 'o', 't', '-', 'h', 'e', 'x', (byte) 0xff, (byte) 0xfe, 0x01, 'x', 'y', 'z', '!', '?', '~'};
        consumer.write(concat(ascii("FIN "), id, ascii("\n")));
        Frame error = consumer.read();
        assertEquals(RawNsqConnection.FRAME_ERROR, error.type(), error::toString);
        assertArrayEquals(concat(ascii("E_FIN_FAILED FIN "), id, ascii(" failed ID not in flight")), error.data());
        assertConsumerKeepsWorking();
    }

    @Test
    void finOfMessageHeldByAnotherClientFailsWithoutClosing() {
        try (RawNsqConnection holder = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("RDY 0");
            // RDY answers nothing: the error of a FIN sent after it shows the channel has applied it, so the
            // message published next cannot still go to this consumer
            consumer.command("FIN " + NOT_IN_FLIGHT);
            assertError("E_FIN_FAILED FIN " + NOT_IN_FLIGHT + " failed ID not in flight", consumer.read());
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

    /** A delivered message whose id has a letter in it, so that its upper-case spelling differs. */
    private Frame messageWithLetterInId() {
        for (int i = 0; i < 100; i++) {
            publish(producer, topic, "message " + i);
            Frame m = assertMessage("message " + i, 1, consumer.read());
            if (!m.messageId().equals(m.messageId().toUpperCase(Locale.ROOT))) {
                return m;
            }
            consumer.command("FIN " + m.messageId());
        }
        throw new AssertionError("no id with a letter in 100 messages");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] line(String command) {
        return (command + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pub(String topic) {
        byte[] line = line("PUB " + topic);
        return ByteBuffer.allocate(line.length + 5).put(line).putInt(1).put((byte) 'x').array();
    }
}
