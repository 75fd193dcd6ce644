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

/**
 * A raw V1 client plays nsqd against a real lookupd and the HTTP API must answer byte-for-byte as nsqlookupd does.
 * One lookupd per class: the exact /topics and /nodes answers depend on nothing else having registered.
 */
class LookupdRegistrationTest {
    static LookupdProcess lookupd;

    @BeforeAll
    static void start() {
        lookupd = LookupdProcess.start("lookupd-registration");
    }

    @AfterAll
    static void stop() {
        lookupd.close();
    }

    static String identifyJson(String broadcast, int tcpPort, int httpPort) {
        return "{\"broadcast_address\":\"" + broadcast + "\",\"tcp_port\":" + tcpPort + ",\"http_port\":" + httpPort
                + ",\"version\":\"1.3.0\",\"hostname\":\"nsqd-host\"}";
    }

    static String peerJson(RawLookupConnection c, String broadcast, int tcpPort, int httpPort) {
        return "{\"remote_address\":\"" + c.localAddress() + "\",\"hostname\":\"nsqd-host\",\"broadcast_address\":\""
                + broadcast + "\",\"tcp_port\":" + tcpPort + ",\"http_port\":" + httpPort
                + ",\"version\":\"1.3.0\",\"topology_zone\":\"\",\"topology_region\":\"\"}";
    }

    @Test
    void registeredProducerIsListedExactlyAndLeavesWithItsConnection() {
        RawLookupConnection nsqd = RawLookupConnection.open(lookupd.tcpPort());
        assertEquals("OK", nsqd.call("PING"), "PING before IDENTIFY is fine");
        String identified = nsqd.identify(identifyJson("nsqd-1", 4150, 4151)).read();
        assertEquals("{\"broadcast_address\":\"" + hostname(identified) + "\",\"hostname\":\"" + hostname(identified)
                + "\",\"http_port\":" + lookupd.httpPort() + ",\"tcp_port\":" + lookupd.tcpPort()
                + ",\"version\":\"1.3.0\"}", identified);
        assertEquals("OK", nsqd.call("REGISTER orders"));
        assertEquals("OK", nsqd.call("REGISTER orders billing"));
        assertEquals("OK", nsqd.call("REGISTER orders shipping"));
        assertEquals("OK", nsqd.call("REGISTER audit"));
        assertEquals("OK", nsqd.call("PING"));

        String peer = peerJson(nsqd, "nsqd-1", 4150, 4151);
        HttpAnswer lookup = HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=orders");
        assertEquals(200, lookup.status());
        assertEquals("{\"channels\":[\"billing\",\"shipping\"],\"producers\":[" + peer + "]}", lookup.body());
        assertEquals("application/json; charset=utf-8", lookup.header("Content-Type"));
        assertEquals("nsq; version=1.0", lookup.header("X-NSQ-Content-Type"));
        assertEquals("{\"topics\":[\"orders\",\"audit\"]}", HttpAnswer.get(lookupd.httpUrl() + "/topics").body());
        assertEquals("{\"channels\":[\"billing\",\"shipping\"]}",
                HttpAnswer.get(lookupd.httpUrl() + "/channels?topic=orders").body());
        assertEquals("{\"channels\":[]}", HttpAnswer.get(lookupd.httpUrl() + "/channels?topic=audit").body());
        assertEquals("{\"producers\":[" + peer.substring(0, peer.length() - 1)
                        + ",\"tombstones\":[false,false],\"topics\":[\"orders\",\"audit\"]}]}",
                HttpAnswer.get(lookupd.httpUrl() + "/nodes").body());

        nsqd.close();
        await().atMost(Duration.ofSeconds(5)).until(
                () -> HttpAnswer.get(lookupd.httpUrl() + "/nodes").body().equals("{\"producers\":[]}"));
        assertEquals("{\"channels\":[\"billing\",\"shipping\"],\"producers\":[]}",
                HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=orders").body(),
                "registrations outlive their producers, as in nsqlookupd");
    }

    @Test
    void unregisterRemovesTheProducerAndEphemeralRegistrations() {
        try (RawLookupConnection nsqd = RawLookupConnection.open(lookupd.tcpPort())) {
            nsqd.identify(identifyJson("nsqd-2", 5150, 5151)).read();
            assertEquals("OK", nsqd.call("REGISTER events#ephemeral"));
            assertEquals("OK", nsqd.call("REGISTER events#ephemeral tail#ephemeral"));
            assertEquals("OK", nsqd.call("REGISTER events#ephemeral keep"));
            assertEquals("OK", nsqd.call("UNREGISTER events#ephemeral tail#ephemeral"));
            assertEquals("{\"channels\":[\"keep\"],\"producers\":[" + peerJson(nsqd, "nsqd-2", 5150, 5151) + "]}",
                    HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=events%23ephemeral").body());
            assertEquals("OK", nsqd.call("UNREGISTER events#ephemeral"));
            assertEquals(404, HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=events%23ephemeral").status());
        }
    }

    @Test
    void topicsAndChannelsCanBeCreatedAndDeletedOverHttp() {
        String url = lookupd.httpUrl();
        HttpAnswer created = HttpAnswer.post(url + "/channel/create?topic=made&channel=by-hand");
        assertEquals(200, created.status());
        assertEquals("", created.body());
        assertEquals("{\"channels\":[\"by-hand\"],\"producers\":[]}", HttpAnswer.get(url + "/lookup?topic=made").body());
        assertEquals(200, HttpAnswer.post(url + "/channel/delete?topic=made&channel=by-hand").status());
        assertEquals("{\"channels\":[],\"producers\":[]}", HttpAnswer.get(url + "/lookup?topic=made").body());
        assertEquals(200, HttpAnswer.post(url + "/topic/delete?topic=made").status());
        assertEquals(404, HttpAnswer.get(url + "/lookup?topic=made").status());
        assertEquals(200, HttpAnswer.post(url + "/topic/create?topic=made").status());
        assertEquals(200, HttpAnswer.get(url + "/lookup?topic=made").status());
        HttpAnswer.post(url + "/topic/delete?topic=made");
    }

    private static String hostname(String identifyAnswer) {
        int start = identifyAnswer.indexOf("\"hostname\":\"") + 12;
        return identifyAnswer.substring(start, identifyAnswer.indexOf('"', start));
    }
}
