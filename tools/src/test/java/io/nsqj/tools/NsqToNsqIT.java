package io.nsqj.tools;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.testsupport.BrokerProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsqToNsqIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    private static BrokerProcess source;
    private static BrokerProcess destinationA;
    private static BrokerProcess destinationB;

    @BeforeAll
    static void startDaemons() {
        source = BrokerProcess.start("tonsq-source");
        destinationA = BrokerProcess.start("tonsq-destination-a");
        destinationB = BrokerProcess.start("tonsq-destination-b");
    }

    @AfterAll
    static void stopDaemons() {
        for (BrokerProcess b : new BrokerProcess[] {source, destinationA, destinationB}) {
            if (b != null) {
                b.close();
            }
        }
    }

    private static List<String> bodies(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static ToolProcess toNsq(String topic, String... flags) {
        String[] args = new String[flags.length + 4];
        args[0] = "-topic";
        args[1] = topic;
        args[2] = "-nsqd-tcp-address";
        args[3] = source.tcpAddress();
        System.arraycopy(flags, 0, args, 4, flags.length);
        return ToolProcess.start("nsq_to_nsq", args);
    }

    private static void stopAndExpectZero(ToolProcess tool) {
        tool.signal("INT");
        assertEquals(0, tool.waitFor(EXIT), tool.stderr());
    }

    /** Every message body on a destination topic, read with the Java client until there are {@code n}. */
    private static Set<String> readAll(BrokerProcess broker, String topic, int n) {
        Set<String> read = ConcurrentHashMap.newKeySet();
        Consumer consumer = new Consumer(topic, "check", m -> read.add(m.bodyAsString()),
                ClientConfig.builder().maxInFlight(100).build());
        try {
            consumer.connectToNsqd(broker.tcpAddress());
            await().atMost(EXIT).until(() -> read.size() >= n);
            return Set.copyOf(read);
        } finally {
            consumer.stop();
        }
    }

    private static JsonObject sourceChannel(String topic) {
        return BrokerStats.channel(source, topic, "nsq_to_nsq");
    }

    @Test
    void copiesEveryMessageToTheDestinationTopic() {
        List<String> sent = bodies("copy-", 50);
        BrokerStats.createChannel(destinationA, "copied", "check");
        BrokerStats.publish(source, "nsq_copy", sent);
        try (ToolProcess tool = toNsq("nsq_copy", "-destination-topic", "copied",
                "-destination-nsqd-tcp-address", destinationA.tcpAddress())) {
            await().atMost(EXIT).until(() -> BrokerStats.topicMessageCount(destinationA, "copied") == 50);
            assertEquals(Set.copyOf(sent), readAll(destinationA, "copied", 50));
            await().atMost(EXIT).until(() -> sourceChannel("nsq_copy").getLong("depth") == 0
                    && sourceChannel("nsq_copy").getLong("in_flight_count") == 0);
            stopAndExpectZero(tool);
        }
    }

    @Test
    void roundRobinSplitsTheMessagesBetweenTheDestinations() {
        BrokerStats.publish(source, "nsq_rr", bodies("rr-", 10));
        try (ToolProcess tool = toNsq("nsq_rr", "-mode", "round-robin",
                "-destination-nsqd-tcp-address", destinationA.tcpAddress(),
                "-destination-nsqd-tcp-address", destinationB.tcpAddress())) {
            await().atMost(EXIT).until(() -> BrokerStats.topicMessageCount(destinationA, "nsq_rr")
                    + BrokerStats.topicMessageCount(destinationB, "nsq_rr") == 10);
            assertEquals(5, BrokerStats.topicMessageCount(destinationA, "nsq_rr"));
            assertEquals(5, BrokerStats.topicMessageCount(destinationB, "nsq_rr"));
            stopAndExpectZero(tool);
        }
    }

    @Test
    void fanOutCopiesEveryMessageToEveryDestination() {
        List<String> sent = bodies("fan-", 20);
        BrokerStats.createChannel(destinationA, "nsq_fan", "check");
        BrokerStats.createChannel(destinationB, "nsq_fan", "check");
        BrokerStats.publish(source, "nsq_fan", sent);
        try (ToolProcess tool = toNsq("nsq_fan", "-mode", "fanout",
                "-destination-nsqd-tcp-address", destinationA.tcpAddress(),
                "-destination-nsqd-tcp-address", destinationB.tcpAddress())) {
            assertEquals(Set.copyOf(sent), readAll(destinationA, "nsq_fan", 20));
            assertEquals(Set.copyOf(sent), readAll(destinationB, "nsq_fan", 20));
            await().atMost(EXIT).until(() -> sourceChannel("nsq_fan").getLong("depth") == 0
                    && sourceChannel("nsq_fan").getLong("in_flight_count") == 0);
            stopAndExpectZero(tool);
        }
    }

    @Test
    void aPublishTheDestinationRefusedIsRequeuedAndCopiedLater() {
        BrokerStats.publish(source, "nsq_retry", List.of("kept"));
        // nsqd refuses a PUB whose body is over its -max-msg-size; a body that fits goes through on a retry
        try (BrokerProcess small = BrokerProcess.start("tonsq-small", "--max-msg-size=2");
             ToolProcess tool = toNsq("nsq_retry", "-consumer-opt", "default_requeue_delay,50ms",
                     "-consumer-opt", "backoff_multiplier,10ms", "-destination-nsqd-tcp-address", small.tcpAddress())) {
            await().atMost(EXIT).until(() -> sourceChannel("nsq_retry") != null
                    && sourceChannel("nsq_retry").getLong("requeue_count") >= 2);
            assertEquals(0, BrokerStats.topicMessageCount(small, "nsq_retry"));
            // one snapshot: between three, the message can move on from each state before it is counted in the next
            JsonObject channel = sourceChannel("nsq_retry");
            assertEquals(1, channel.getLong("depth") + channel.getLong("in_flight_count") + channel.getLong("deferred_count"),
                    "the refused message is still the source's");
            stopAndExpectZero(tool);
        }
        try (ToolProcess tool = toNsq("nsq_retry", "-destination-nsqd-tcp-address", destinationA.tcpAddress())) {
            await().atMost(EXIT).until(() -> BrokerStats.topicMessageCount(destinationA, "nsq_retry") == 1);
            stopAndExpectZero(tool);
        }
    }

    @Test
    void jsonFieldsFilterAndWhitelistTheMessages() {
        BrokerStats.createChannel(destinationA, "nsq_json", "check");
        BrokerStats.publish(source, "nsq_json", List.of("{\"b\":\"x\",\"a\":1,\"c\":2.5,\"d\":true}", "{\"b\":\"y\"}", "not json"));
        try (ToolProcess tool = toNsq("nsq_json", "-require-json-field", "a", "-whitelist-json-field", "a",
                "-whitelist-json-field", "c", "-destination-nsqd-tcp-address", destinationA.tcpAddress())) {
            await().atMost(EXIT).until(() -> sourceChannel("nsq_json") != null && sourceChannel("nsq_json").getLong("depth") == 0
                    && sourceChannel("nsq_json").getLong("in_flight_count") == 0);
            assertEquals(Set.of("{\"a\":1,\"c\":2.5}"), readAll(destinationA, "nsq_json", 1));
            assertEquals(1, BrokerStats.topicMessageCount(destinationA, "nsq_json"));
            stopAndExpectZero(tool);
            assertTrue(tool.stderr().contains("ERROR: Unable to decode json: not json"), tool.stderr());
        }
    }

    @Test
    void sigintEndsItWithZeroAndEveryMessageIsEitherCopiedOrStillInTheSource() {
        int total = 20000;
        BrokerStats.publish(source, "nsq_sigint", bodies("sig-", total));
        try (ToolProcess tool = toNsq("nsq_sigint", "-max-in-flight", "10",
                "-destination-nsqd-tcp-address", destinationB.tcpAddress())) {
            await().atMost(EXIT).until(() -> BrokerStats.topicMessageCount(destinationB, "nsq_sigint") >= 100);
            stopAndExpectZero(tool);
        }
        await().atMost(EXIT).until(() -> sourceChannel("nsq_sigint").getLong("in_flight_count") == 0);
        long left = sourceChannel("nsq_sigint").getLong("depth");
        long copied = BrokerStats.topicMessageCount(destinationB, "nsq_sigint");
        assertTrue(left > 0, "the tool was stopped before the end");
        assertEquals(total, copied + left, "copied + left in the source");
    }

    @Test
    void anUndefinedFlagEndsItWithStatus2() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_nsq", "-topic", "t", "-no-such-flag")) {
            assertEquals(2, tool.waitFor(EXIT));
            assertTrue(tool.stderr().startsWith("flag provided but not defined: -no-such-flag\nUsage of nsq_to_nsq:"), tool.stderr());
        }
    }

    @Test
    void withoutADestinationItEndsWithNsqsMessage() {
        try (ToolProcess tool = toNsq("t")) {
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d --destination-nsqd-tcp-address required\n"), tool.stderr());
        }
    }

    @Test
    void anUnreachableNsqdEndsItWithStatus1() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_nsq", "-topic", "t", "-nsqd-tcp-address", "127.0.0.1:1",
                "-destination-nsqd-tcp-address", destinationA.tcpAddress())) {
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().contains("failed to connect to nsqd"), tool.stderr());
        }
    }
}
