package io.nsqj.tools.stat;

import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.tools.BrokerStats;
import io.nsqj.tools.LocalNsq;
import io.nsqj.tools.ToolProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsqStatIT {
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final String HEADER = "------rate------+----------------depth----------------+--------------metadata---------------\n"
            + "ingress  egress |   total     mem    disk inflt   def |     req     t-o         msgs clients\n";
    /** Five messages waiting in the channel, none in flight, nobody connected. */
    private static final String FIVE_WAITING = "      0       0 |       5       5       0     0     0 |       0       0            5       0\n";

    @RegisterExtension
    static final LocalNsq NSQ = new LocalNsq("stat");

    @BeforeAll
    static void fiveMessagesWait() {
        BrokerStats.createChannel(NSQ.broker(), "stat_topic", "waiting");
        BrokerStats.publish(NSQ.broker(), "stat_topic", List.of("1", "2", "3", "4", "5"));
    }

    private static String nsqdHttp() {
        return "127.0.0.1:" + NSQ.broker().httpPort();
    }

    @Test
    void countReportsOfTheChannelUnderNsqsHeader() {
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-topic", "stat_topic", "-channel", "waiting",
                "-nsqd-http-address", nsqdHttp(), "-interval", "200ms", "-count", "2")) {
            assertEquals(0, stat.waitFor(EXIT), stat.stderr());
            assertEquals(HEADER + FIVE_WAITING + FIVE_WAITING, stat.stdout());
        }
    }

    @Test
    void findsTheTopicsNsqdThroughLookupd() {
        await().atMost(EXIT).until(() -> HttpAnswer.get(NSQ.lookupd().httpUrl() + "/lookup?topic=stat_topic").status() == 200);
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-topic", "stat_topic", "-channel", "waiting",
                "-lookupd-http-address", "127.0.0.1:" + NSQ.lookupd().httpPort(), "-interval", "200ms", "-count", "1")) {
            assertEquals(0, stat.waitFor(EXIT), stat.stderr());
            assertEquals(HEADER + FIVE_WAITING, stat.stdout());
        }
    }

    @Test
    void aChannelTheTopicDoesNotHaveEndsItWithStatus1() {
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-topic", "stat_topic", "-channel", "absent",
                "-nsqd-http-address", nsqdHttp())) {
            assertEquals(1, stat.waitFor(EXIT));
            assertTrue(stat.stderr().contains("ERROR: failed to find channel(absent) in stats metadata for topic(stat_topic)"), stat.stderr());
        }
    }

    @Test
    void anUnreachableNsqdEndsItWithStatus1AndTheReason() {
        String closed = "127.0.0.1:" + FreePorts.next();
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-topic", "stat_topic", "-channel", "waiting",
                "-nsqd-http-address", closed)) {
            assertEquals(1, stat.waitFor(EXIT));
            assertTrue(stat.stderr().contains("ERROR: failed to get topic producers - failed to query any nsqd: Get \"http://"
                    + closed + "/stats?format=json&topic=stat_topic&include_clients=false\": dial tcp " + closed), stat.stderr());
        }
    }

    @Test
    void sigintEndsItWithZero() {
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-topic", "stat_topic", "-channel", "waiting",
                "-nsqd-http-address", nsqdHttp(), "-interval", "100ms")) {
            await().atMost(EXIT).until(() -> stat.stdout().contains(FIVE_WAITING));
            stat.signal("INT");
            assertEquals(0, stat.waitFor(EXIT), stat.stderr());
        }
    }

    @Test
    void anUndefinedFlagEndsItWithStatus2AndNsqsFlagsAreListed() {
        try (ToolProcess stat = ToolProcess.start("nsq_stat", "-status-every", "2s")) {
            assertEquals(2, stat.waitFor(EXIT));
            String err = stat.stderr();
            assertTrue(err.startsWith("flag provided but not defined: -status-every\nUsage of nsq_stat:"), err);
            for (String flag : List.of("-channel string", "-count value", "-http-client-connect-timeout duration",
                    "-http-client-request-timeout duration", "-interval duration", "-lookupd-http-address value",
                    "-nsqd-http-address value", "-topic string", "-version")) {
                assertTrue(err.contains("\n  " + flag + "\n"), flag + " in\n" + err);
            }
            assertTrue(err.contains("duration of time between polling/printing output (default 2s)"), err);
        }
    }
}
