package io.nsqj.tools;

import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsqToHttpIT {
    private static final Duration EXIT = Duration.ofSeconds(30);
    /** A failed message comes back quickly, and the consumer's backoff after it is short. */
    private static final String[] FAST_RETRY = {"-consumer-opt", "default_requeue_delay,50ms",
            "-consumer-opt", "backoff_multiplier,10ms"};

    @RegisterExtension
    static final LocalNsq NSQ = new LocalNsq("tohttp");

    private static List<String> bodies(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static ToolProcess toHttp(String topic, String... flags) {
        String[] args = new String[flags.length + 4];
        args[0] = "-topic";
        args[1] = topic;
        args[2] = "-nsqd-tcp-address";
        args[3] = NSQ.broker().tcpAddress();
        System.arraycopy(flags, 0, args, 4, flags.length);
        return ToolProcess.start("nsq_to_http", args);
    }

    private static void stopAndExpectZero(ToolProcess tool) {
        tool.signal("INT");
        assertEquals(0, tool.waitFor(EXIT), tool.stderr());
    }

    private static void awaitChannelDrained(String topic, String channel) {
        await().atMost(EXIT).until(() -> {
            JsonObject c = BrokerStats.channel(NSQ.broker(), topic, channel);
            return c != null && c.getLong("depth") == 0 && c.getLong("in_flight_count") == 0
                    && c.getLong("deferred_count") == 0;
        });
    }

    @Test
    void postSendsEachBodyWithTheContentTypeAndHeaders() {
        List<String> sent = bodies("post-", 3);
        BrokerStats.publish(NSQ.broker(), "http_post", sent);
        try (HttpDestination dest = HttpDestination.start();
             ToolProcess tool = toHttp("http_post", "-post", dest.url("/in"), "-content-type", "text/plain",
                     "-header", "X-Test: yes")) {
            await().atMost(EXIT).until(() -> dest.accepted().size() == 3);
            assertEquals(Set.copyOf(sent), Set.copyOf(dest.accepted()));
            for (HttpDestination.Request r : dest.requests()) {
                assertEquals("POST", r.method());
                assertEquals("text/plain", r.contentType());
                assertEquals("yes", r.header());
            }
            awaitChannelDrained("http_post", "nsq_to_http");
            stopAndExpectZero(tool);
        }
    }

    @Test
    void getPutsTheQueryEscapedBodyWherePercentSStands() {
        BrokerStats.publish(NSQ.broker(), "http_get", List.of("a b&c=d~*"));
        try (HttpDestination dest = HttpDestination.start();
             ToolProcess tool = toHttp("http_get", "-get", dest.url("/in?msg=%s&x=1"))) {
            await().atMost(EXIT).until(() -> dest.requests().size() == 1);
            HttpDestination.Request r = dest.requests().get(0);
            assertEquals("GET", r.method());
            assertEquals("msg=a+b%26c%3Dd~%2A&x=1", r.query());
            stopAndExpectZero(tool);
        }
    }

    @Test
    void roundRobinSplitsTheMessagesBetweenTheDestinations() {
        List<String> sent = bodies("rr-", 10);
        BrokerStats.publish(NSQ.broker(), "http_rr", sent);
        try (HttpDestination a = HttpDestination.start(); HttpDestination b = HttpDestination.start();
             ToolProcess tool = toHttp("http_rr", "-mode", "round-robin", "-post", a.url("/a"), "-post", b.url("/b"))) {
            await().atMost(EXIT).until(() -> a.accepted().size() + b.accepted().size() == 10);
            assertEquals(5, a.accepted().size());
            assertEquals(5, b.accepted().size());
            Set<String> all = new HashSet<>(a.accepted());
            all.addAll(b.accepted());
            assertEquals(Set.copyOf(sent), all);
            stopAndExpectZero(tool);
        }
    }

    @Test
    void anUnnamedModeSendsEveryMessageToEveryDestination() {
        List<String> sent = bodies("all-", 5);
        BrokerStats.publish(NSQ.broker(), "http_all", sent);
        try (HttpDestination a = HttpDestination.start(); HttpDestination b = HttpDestination.start();
             ToolProcess tool = toHttp("http_all", "-mode", "fanout", "-post", a.url("/a"), "-post", b.url("/b"))) {
            await().atMost(EXIT).until(() -> a.accepted().size() == 5 && b.accepted().size() == 5);
            assertEquals(Set.copyOf(sent), Set.copyOf(a.accepted()));
            assertEquals(Set.copyOf(sent), Set.copyOf(b.accepted()));
            awaitChannelDrained("http_all", "nsq_to_http");
            stopAndExpectZero(tool);
        }
    }

    @Test
    void aMessageTheDestinationRefusedComesAgainAndNoneIsLost() {
        List<String> sent = bodies("retry-", 5);
        BrokerStats.publish(NSQ.broker(), "http_retry", sent);
        try (HttpDestination dest = HttpDestination.start().failFirst(2);
             ToolProcess tool = toHttp("http_retry", concat(FAST_RETRY, "-post", dest.url("/in")))) {
            await().atMost(EXIT).until(() -> Set.copyOf(dest.accepted()).equals(Set.copyOf(sent)));
            List<HttpDestination.Request> refused = dest.requests().stream().filter(r -> r.answered() == 500).toList();
            assertEquals(2, refused.size());
            for (HttpDestination.Request r : refused) {
                assertTrue(dest.accepted().contains(r.body()), "refused " + r.body() + " was sent again");
            }
            awaitChannelDrained("http_retry", "nsq_to_http");
            assertEquals(2, BrokerStats.channel(NSQ.broker(), "http_retry", "nsq_to_http").getLong("requeue_count"));
            stopAndExpectZero(tool);
        }
    }

    @Test
    void findsTheNsqdThroughLookupd() {
        BrokerStats.publish(NSQ.broker(), "http_lookup", List.of("found"));
        await().atMost(EXIT).until(() -> HttpAnswer.get(NSQ.lookupd().httpUrl() + "/lookup?topic=http_lookup").status() == 200);
        try (HttpDestination dest = HttpDestination.start();
             ToolProcess tool = ToolProcess.start("nsq_to_http", "-topic", "http_lookup", "-post", dest.url("/in"),
                     "-lookupd-http-address", "127.0.0.1:" + NSQ.lookupd().httpPort())) {
            await().atMost(EXIT).until(() -> dest.accepted().equals(List.of("found")));
            stopAndExpectZero(tool);
        }
    }

    @Test
    void sigintEndsItWithZeroAndEveryMessageIsEitherDeliveredOrStillInTheChannel() {
        int total = 3000;
        BrokerStats.publish(NSQ.broker(), "http_sigint", bodies("sig-", total));
        try (HttpDestination dest = HttpDestination.start().answerAfter(Duration.ofMillis(5));
             ToolProcess tool = toHttp("http_sigint", "-n", "4", "-max-in-flight", "8", "-post", dest.url("/in"))) {
            await().atMost(EXIT).until(() -> dest.accepted().size() >= 100);
            stopAndExpectZero(tool);
            List<String> delivered = dest.accepted();
            assertEquals(delivered.size(), new HashSet<>(delivered).size(), "a message was delivered twice");
            await().atMost(EXIT).until(() -> BrokerStats.channel(NSQ.broker(), "http_sigint", "nsq_to_http").getLong("in_flight_count") == 0);
            long left = BrokerStats.channel(NSQ.broker(), "http_sigint", "nsq_to_http").getLong("depth");
            assertTrue(left > 0, "the tool was stopped before the end");
            assertEquals(total, delivered.size() + left, "delivered + left in the channel");
        }
    }

    @Test
    void anUnreachableDestinationIsLoggedWithItsAddressAndTheReason() {
        BrokerStats.publish(NSQ.broker(), "http_unreachable", List.of("m"));
        String closed = "http://127.0.0.1:" + FreePorts.next() + "/";
        try (ToolProcess tool = toHttp("http_unreachable", "-post", closed)) {
            await().atMost(EXIT).until(() -> tool.stderr().contains("Post \"" + closed + "\": connection refused"));
            stopAndExpectZero(tool);
        }
    }

    @Test
    void anUndefinedFlagEndsItWithStatus2() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_http", "-topic", "t", "-no-such-flag")) {
            assertEquals(2, tool.waitFor(EXIT));
            assertTrue(tool.stderr().startsWith("flag provided but not defined: -no-such-flag\nUsage of nsq_to_http:"), tool.stderr());
        }
    }

    @Test
    void getAndPostTogetherAreRefusedAsNsqRefusesThem() {
        try (ToolProcess tool = toHttp("t", "-get", "http://127.0.0.1:1/?%s", "-post", "http://127.0.0.1:1/")) {
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d use --get or --post not both\n"), tool.stderr());
        }
    }

    @Test
    void anUnreachableNsqdEndsItWithStatus1() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_http", "-topic", "t", "-post", "http://127.0.0.1:1/",
                "-nsqd-tcp-address", "127.0.0.1:1")) {
            assertEquals(1, tool.waitFor(EXIT));
            assertTrue(tool.stderr().contains("failed to connect to nsqd"), tool.stderr());
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
