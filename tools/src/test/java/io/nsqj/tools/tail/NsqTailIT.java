package io.nsqj.tools.tail;

import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.tools.BrokerStats;
import io.nsqj.tools.LocalNsq;
import io.nsqj.tools.ToolProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsqTailIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final LocalNsq NSQ = new LocalNsq("tail");

    @Test
    void publishedMessagesAppearOnStdoutOneALine() {
        BrokerStats.publish(NSQ.broker(), "tail_stdout", List.of("first", "second message", "third"));
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "tail_stdout", "-nsqd-tcp-address", NSQ.broker().tcpAddress())) {
            await().atMost(EXIT).until(() -> tail.stdout().equals("first\nsecond message\nthird\n"));
            tail.signal("INT");
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
            assertTrue(tail.stderr().contains("Adding consumer for topic: tail_stdout"), tail.stderr());
        }
    }

    @Test
    void nEndsTheToolAfterNMessagesAndTheRestStayInTheChannel() {
        BrokerStats.publish(NSQ.broker(), "tail_n", List.of("m0", "m1", "m2", "m3", "m4"));
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "tail_n", "-channel", "kept", "-n", "2",
                "-max-in-flight", "5", "-nsqd-tcp-address", NSQ.broker().tcpAddress())) {
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
            assertEquals("m0\nm1\n", tail.stdout());
        }
        // what came after the second went back: in flight or deferred a moment, then waiting again
        await().atMost(EXIT).untilAsserted(() -> {
            JsonObject c = BrokerStats.channel(NSQ.broker(), "tail_n", "kept");
            assertEquals(List.of(3L, 0L, 0L), List.of(c.getLong("depth"), c.getLong("in_flight_count"), c.getLong("deferred_count")), c.encode());
        });
    }

    @Test
    void printTopicPrefixesEachMessageWithItsTopicOneConsumerPerTopic() {
        BrokerStats.publish(NSQ.broker(), "tail_a", List.of("from a"));
        BrokerStats.publish(NSQ.broker(), "tail_b", List.of("from b"));
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "tail_a", "-topic", "tail_b", "-print-topic",
                "-nsqd-tcp-address", NSQ.broker().tcpAddress())) {
            await().atMost(EXIT).until(() -> Set.of(tail.stdout().split("\n")).equals(Set.of("tail_a | from a", "tail_b | from b")));
            tail.signal("TERM");
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
        }
    }

    @Test
    void findsTheTopicsNsqdThroughLookupd() {
        BrokerStats.publish(NSQ.broker(), "tail_lookup", List.of("found"));
        await().atMost(EXIT).until(() -> HttpAnswer.get(NSQ.lookupd().httpUrl() + "/lookup?topic=tail_lookup").status() == 200);
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "tail_lookup", "-n", "1",
                "-lookupd-http-address", "127.0.0.1:" + NSQ.lookupd().httpPort())) {
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
            assertEquals("found\n", tail.stdout());
        }
    }

    @Test
    void sigintEndsItWithZeroAndEveryMessageIsEitherShownOrStillInTheChannel() {
        int total = 20000;
        List<String> bodies = IntStream.range(0, total).mapToObj(i -> "msg-" + i).collect(Collectors.toList());
        BrokerStats.publish(NSQ.broker(), "tail_sigint", bodies);
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "tail_sigint", "-channel", "durable",
                "-max-in-flight", "1", "-nsqd-tcp-address", NSQ.broker().tcpAddress())) {
            await().atMost(EXIT).until(() -> !tail.stdout().isEmpty());
            tail.signal("INT");
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
            List<String> shown = List.of(tail.stdout().split("\n"));
            Set<String> distinct = new HashSet<>(shown);
            assertEquals(shown.size(), distinct.size(), "a message was shown twice");
            assertTrue(bodies.containsAll(distinct));
            await().atMost(EXIT).until(() -> BrokerStats.channel(NSQ.broker(), "tail_sigint", "durable").getLong("in_flight_count") == 0);
            JsonObject channel = BrokerStats.channel(NSQ.broker(), "tail_sigint", "durable");
            assertEquals(total, shown.size() + channel.getLong("depth"), "shown + left in the channel");
        }
    }

    @Test
    void anUndefinedFlagEndsItWithStatus2() {
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "t", "-no-such-flag")) {
            assertEquals(2, tail.waitFor(EXIT));
            assertTrue(tail.stderr().startsWith("flag provided but not defined: -no-such-flag\nUsage of nsq_tail:"), tail.stderr());
        }
    }

    @Test
    void helpListsTheFlagsWithNsqsDefaults() {
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "--help")) {
            assertEquals(0, tail.waitFor(EXIT));
            String usage = tail.stdout();
            for (String flag : List.of("-channel string", "-consumer-opt value", "-lookupd-http-address value",
                    "-max-in-flight int", "-n int", "-nsqd-tcp-address value", "-print-topic", "-topic value", "-version")) {
                assertTrue(usage.contains("\n  " + flag + "\n"), flag + " in\n" + usage);
            }
            assertTrue(usage.contains("max number of messages to allow in flight (default 200)"), usage);
        }
    }

    @Test
    void versionPrintsNsqsVersionLine() {
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-version")) {
            assertEquals(0, tail.waitFor(EXIT));
            assertEquals("nsq_tail v1.3.0\n", tail.stdout());
        }
    }

    @Test
    void withoutATopicItEndsWithStatus1() {
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-nsqd-tcp-address", NSQ.broker().tcpAddress())) {
            assertEquals(1, tail.waitFor(EXIT));
            assertTrue(tail.stderr().contains("--topic required"), tail.stderr());
        }
    }

    @Test
    void anUnreachableNsqdEndsItWithStatus1AndTheReason() {
        int closed = FreePorts.next();
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "t", "-nsqd-tcp-address", "127.0.0.1:" + closed)) {
            assertEquals(1, tail.waitFor(EXIT));
            assertTrue(tail.stderr().contains("failed to connect to nsqd"), tail.stderr());
        }
    }

    @Test
    void anUnreachableLookupdIsLoggedOnOneLineWithTheReasonAndSigintStillEndsIt() {
        int closed = FreePorts.next();
        try (ToolProcess tail = ToolProcess.start("nsq_tail", "-topic", "t", "-lookupd-http-address", "127.0.0.1:" + closed)) {
            String expected = "WARNING: error querying nsqlookupd 127.0.0.1:" + closed + " (http://127.0.0.1:" + closed
                    + "/lookup?topic=t) - connection refused";
            await().atMost(EXIT).until(() -> tail.stderr().contains(expected));
            String line = tail.stderr().lines().filter(l -> l.contains(expected)).findFirst().orElseThrow();
            assertTrue(line.matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d " + java.util.regex.Pattern.quote(expected)), line);
            tail.signal("INT");
            assertEquals(0, tail.waitFor(EXIT), tail.stderr());
        }
    }
}
