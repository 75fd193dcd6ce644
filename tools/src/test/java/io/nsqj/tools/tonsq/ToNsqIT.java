package io.nsqj.tools.tonsq;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.Message;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.tools.BrokerStats;
import io.nsqj.tools.ToolProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToNsqIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = BrokerProcess.start("to-nsq-nsqd");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Every message of the topic, in the order the broker hands them over. */
    private static List<Message> consume(String topic, int expected) {
        List<Message> got = new CopyOnWriteArrayList<>();
        Consumer consumer = new Consumer(topic, "check", got::add, ClientConfig.builder().maxInFlight(100).build());
        try {
            consumer.connectToNsqd(broker.tcpAddress());
            await().atMost(EXIT).until(() -> got.size() >= expected);
        } finally {
            consumer.stop();
        }
        return got;
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::bodyAsString).collect(Collectors.toList());
    }

    @Test
    void eachNonEmptyLineOfStdinIsPublishedAndItEndsAtEndOfInput() {
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "to_lines", "-nsqd-tcp-address", broker.tcpAddress())) {
            tool.writeStdin("one\ntwo words\n\nthree");
            tool.closeStdin();
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
        }
        // every publish was answered before it ended
        assertEquals(3, BrokerStats.topicMessageCount(broker, "to_lines"));
        assertEquals(List.of("one", "two words", "three"), bodies(consume("to_lines", 3)));
    }

    @Test
    void delimiterSplitsOnThatByte() {
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "to_delim", "-delimiter", ",",
                "-nsqd-tcp-address", broker.tcpAddress())) {
            tool.writeStdin("a,b\nc,,d,");
            tool.closeStdin();
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
        }
        assertEquals(List.of("a", "b\nc", "d"), bodies(consume("to_delim", 3)));
    }

    @Test
    void everyMessageGoesToEveryNsqdGiven() {
        try (BrokerProcess second = BrokerProcess.start("to-nsq-nsqd-2");
             ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "to_both", "-nsqd-tcp-address", broker.tcpAddress(),
                     "-nsqd-tcp-address", second.tcpAddress())) {
            tool.writeStdin("x\ny\n");
            tool.closeStdin();
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
            assertEquals(2, BrokerStats.topicMessageCount(broker, "to_both"));
            assertEquals(2, BrokerStats.topicMessageCount(second, "to_both"));
        }
    }

    @Test
    void rateKeepsPublishingNoFasterThanNPerSecond() {
        int rate = 10;
        int count = 3 * rate;
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "to_rate", "-rate", Integer.toString(rate),
                "-nsqd-tcp-address", broker.tcpAddress())) {
            tool.writeStdin(IntStream.range(0, count).mapToObj(i -> "r" + i + "\n").collect(Collectors.joining()));
            tool.closeStdin();
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
            assertTrue(tool.stderr().contains("Throttling messages rate to max:10/second"), tool.stderr());
        }
        List<Message> got = consume("to_rate", count);
        Duration spread = Duration.between(got.get(0).timestamp(), got.get(count - 1).timestamp());
        // at most one second's worth saved up while idle, then one every 1/rate s: 2*rate-1 gaps at the least
        Duration least = Duration.ofMillis(1000L * (count - rate - 1) / rate);
        assertTrue(spread.compareTo(least) >= 0, "published " + count + " in " + spread + " at -rate " + rate);
    }

    @Test
    void sigintStopsReadingAndEndsWithZeroOnceWhatWasSentIsAnswered() {
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "to_sigint", "-nsqd-tcp-address", broker.tcpAddress())) {
            tool.writeStdin("before\n");
            await().atMost(EXIT).until(() -> BrokerStats.topicMessageCount(broker, "to_sigint") == 1);
            tool.signal("INT");
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
        }
    }

    @Test
    void anUndefinedFlagEndsItWithStatus2() {
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "t", "-no-such-flag")) {
            assertEquals(2, tool.waitFor(EXIT));
            assertTrue(tool.stderr().startsWith("flag provided but not defined: -no-such-flag\nUsage of to_nsq:"), tool.stderr());
            assertTrue(tool.stderr().contains("character to split input from stdin (default \"\\n\")"), tool.stderr());
        }
    }

    @Test
    void aDelimiterOfMoreThanOneByteEndsItWithStatus1() {
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "t", "-delimiter", "ab", "-nsqd-tcp-address", broker.tcpAddress())) {
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().contains("--delimiter must be a single byte"), tool.stderr());
        }
    }

    @Test
    void anUnreachableNsqdEndsItWithStatus1AndTheReason() {
        String closed = "127.0.0.1:" + FreePorts.next();
        try (ToolProcess tool = ToolProcess.start("to_nsq", "-topic", "t", "-nsqd-tcp-address", closed)) {
            tool.writeStdin("lost\n");
            tool.closeStdin();
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().contains("cannot connect to " + closed), tool.stderr());
        }
    }
}
