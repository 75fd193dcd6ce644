package io.nsqj.it;

import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import io.nsqj.testsupport.RawLookupConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inactivity and tombstones against a lookupd with short timeouts. */
class LookupdExpiryTest {
    static LookupdProcess lookupd;

    @BeforeAll
    static void start() {
        lookupd = LookupdProcess.start("lookupd-expiry", "--inactive-producer-timeout=1500ms",
                "-tombstone-lifetime", "1s");
    }

    @AfterAll
    static void stop() {
        lookupd.close();
    }

    private static String lookup(String topic) {
        return HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=" + topic).body();
    }

    @Test
    void producerSilentPastTheTimeoutDisappearsUntilItPings() {
        try (RawLookupConnection nsqd = RawLookupConnection.open(lookupd.tcpPort())) {
            long beforeIdentify = System.nanoTime();
            nsqd.identify(LookupdRegistrationTest.identifyJson("quiet", 4150, 4151)).read();
            assertEquals("OK", nsqd.call("REGISTER quiet-topic"));
            String peer = LookupdRegistrationTest.peerJson(nsqd, "quiet", 4150, 4151);
            assertEquals("{\"channels\":[],\"producers\":[" + peer + "]}", lookup("quiet-topic"));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> lookup("quiet-topic").equals("{\"channels\":[],\"producers\":[]}"));
            assertTrue(System.nanoTime() - beforeIdentify >= Duration.ofMillis(1500).toNanos(),
                    "gone only once silent past the timeout");
            assertEquals("{\"producers\":[]}", HttpAnswer.get(lookupd.httpUrl() + "/nodes").body());

            assertEquals("OK", nsqd.call("PING"));
            assertEquals("{\"channels\":[],\"producers\":[" + peer + "]}", lookup("quiet-topic"));
        }
    }

    @Test
    void tombstoneHidesTheNodeForItsTopicUntilItExpires() {
        try (RawLookupConnection nsqd = RawLookupConnection.open(lookupd.tcpPort())) {
            nsqd.identify(LookupdRegistrationTest.identifyJson("tomb", 6150, 6151)).read();
            assertEquals("OK", nsqd.call("REGISTER tomb-a"));
            assertEquals("OK", nsqd.call("REGISTER tomb-b"));
            String peer = LookupdRegistrationTest.peerJson(nsqd, "tomb", 6150, 6151);

            HttpAnswer tombstoned = HttpAnswer.post(lookupd.httpUrl() + "/topic/tombstone?topic=tomb-a&node=tomb:6151");
            assertEquals(200, tombstoned.status());
            assertEquals("{\"channels\":[],\"producers\":[]}", lookup("tomb-a"));
            assertEquals("{\"channels\":[],\"producers\":[" + peer + "]}", lookup("tomb-b"));
            assertEquals("{\"producers\":[" + peer.substring(0, peer.length() - 1)
                            + ",\"tombstones\":[true,false],\"topics\":[\"tomb-a\",\"tomb-b\"]}]}",
                    HttpAnswer.get(lookupd.httpUrl() + "/nodes").body(), "/nodes shows tombstoned nodes, flagged");

            await().atMost(Duration.ofSeconds(5)).until(() -> {
                nsqd.call("PING");
                return lookup("tomb-a").equals("{\"channels\":[],\"producers\":[" + peer + "]}");
            });
        }
    }
}
