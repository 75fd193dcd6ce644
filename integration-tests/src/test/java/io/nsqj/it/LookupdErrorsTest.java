package io.nsqj.it;

import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import io.nsqj.testsupport.RawLookupConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error nsqlookupd answers, with its exact text; TCP errors also close the connection. */
class LookupdErrorsTest {
    static LookupdProcess lookupd;

    @BeforeAll
    static void start() {
        lookupd = LookupdProcess.start("lookupd-errors");
    }

    @AfterAll
    static void stop() {
        lookupd.close();
    }

    private static void assertFatal(String expected, RawLookupConnection c) {
        try (c) {
            assertEquals(expected, c.read());
            assertTrue(c.isClosedByPeer(), "connection closed after " + expected);
        }
    }

    private static RawLookupConnection identified() {
        RawLookupConnection c = RawLookupConnection.open(lookupd.tcpPort());
        c.identify(LookupdRegistrationTest.identifyJson("err", 4150, 4151)).read();
        return c;
    }

    @Test
    void tcpErrorsAnswerAndClose() {
        int port = lookupd.tcpPort();
        assertFatal("E_BAD_PROTOCOL",
                RawLookupConnection.openWithoutMagic(port).write("  V2".getBytes(StandardCharsets.US_ASCII)));
        assertFatal("E_INVALID invalid command NOPE", RawLookupConnection.open(port).command("NOPE x"));
        assertFatal("E_INVALID invalid command ", RawLookupConnection.open(port).command(""));
        assertFatal("E_INVALID client must IDENTIFY", RawLookupConnection.open(port).command("REGISTER t"));
        assertFatal("E_INVALID client must IDENTIFY", RawLookupConnection.open(port).command("UNREGISTER t"));
        assertFatal("E_INVALID REGISTER insufficient number of params", identified().command("REGISTER"));
        assertFatal("E_INVALID UNREGISTER insufficient number of params", identified().command("UNREGISTER"));
        assertFatal("E_BAD_TOPIC REGISTER topic name 'a*b' is not valid", identified().command("REGISTER a*b"));
        assertFatal("E_BAD_TOPIC UNREGISTER topic name '' is not valid", identified().command("UNREGISTER  c"));
        assertFatal("E_BAD_CHANNEL REGISTER channel name 'c!' is not valid", identified().command("REGISTER t c!"));
        assertFatal("E_BAD_CHANNEL UNREGISTER channel name 'c!' is not valid",
                identified().command("UNREGISTER t c!"));
        assertFatal("E_INVALID cannot IDENTIFY again", identified().command("IDENTIFY"));
        assertFatal("E_BAD_BODY IDENTIFY failed to decode JSON body", RawLookupConnection.open(port).identify("{"));
        assertFatal("E_BAD_BODY IDENTIFY missing fields",
                RawLookupConnection.open(port).identify("{\"broadcast_address\":\"x\",\"tcp_port\":1}"));
        assertFatal("E_BAD_BODY IDENTIFY failed to read body", RawLookupConnection.open(port)
                .write(ByteBuffer.allocate(13).put("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII)).putInt(-1).array()));
    }

    @Test
    void commandsSplitAcrossWritesAndPipelinedInOneWrite() {
        try (RawLookupConnection c = RawLookupConnection.openWithoutMagic(lookupd.tcpPort())) {
            c.write(" ".getBytes(StandardCharsets.US_ASCII)).write(" V1PI".getBytes(StandardCharsets.US_ASCII));
            c.write("NG\r\nPING\nPING\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("OK", c.read());
            assertEquals("OK", c.read());
            assertEquals("OK", c.read());
        }
    }

    @Test
    void httpErrorsCarryNsqlookupdsMessages() {
        String url = lookupd.httpUrl();
        assertError(400, "MISSING_ARG_TOPIC", HttpAnswer.get(url + "/lookup"));
        assertError(404, "TOPIC_NOT_FOUND", HttpAnswer.get(url + "/lookup?topic=nobody"));
        assertError(400, "INVALID_REQUEST", HttpAnswer.get(url + "/lookup?topic=a;b"));
        assertError(400, "MISSING_ARG_TOPIC", HttpAnswer.get(url + "/channels"));
        assertError(400, "MISSING_ARG_TOPIC", HttpAnswer.post(url + "/topic/create"));
        assertError(400, "INVALID_ARG_TOPIC", HttpAnswer.post(url + "/topic/create?topic=a*b"));
        assertError(400, "MISSING_ARG_TOPIC", HttpAnswer.post(url + "/topic/delete"));
        assertError(400, "MISSING_ARG_CHANNEL", HttpAnswer.post(url + "/channel/create?topic=t"));
        assertError(400, "INVALID_ARG_CHANNEL", HttpAnswer.post(url + "/channel/create?topic=t&channel=c*"));
        assertError(400, "INVALID_ARG_TOPIC", HttpAnswer.post(url + "/channel/delete?topic=&channel=c"));
        assertError(404, "CHANNEL_NOT_FOUND", HttpAnswer.post(url + "/channel/delete?topic=t&channel=none"));
        assertError(400, "MISSING_ARG_NODE", HttpAnswer.post(url + "/topic/tombstone?topic=t"));
        assertError(404, "NOT_FOUND", HttpAnswer.get(url + "/nothing-here"));

        HttpAnswer wrongMethod = HttpAnswer.get(url + "/topic/create?topic=t");
        assertError(405, "METHOD_NOT_ALLOWED", wrongMethod);
        assertEquals("OPTIONS, POST", wrongMethod.header("Allow"));
    }

    @Test
    void pingInfoAndRouterRedirects() {
        String url = lookupd.httpUrl();
        HttpAnswer ping = HttpAnswer.get(url + "/ping");
        assertEquals("OK", ping.body());
        assertEquals("text/plain; charset=utf-8", ping.header("Content-Type"));
        assertEquals("{\"version\":\"1.3.0\"}", HttpAnswer.get(url + "/info").body());

        HttpAnswer slash = HttpAnswer.get(url + "/lookup/?topic=x");
        assertEquals(301, slash.status());
        assertEquals("/lookup?topic=x", slash.header("Location"));
        assertEquals("<a href=\"/lookup?topic=x\">Moved Permanently</a>.\n\n", slash.body());
        HttpAnswer upper = HttpAnswer.post(url + "/TOPIC/Create?topic=x");
        assertEquals(307, upper.status());
        assertEquals("/topic/create?topic=x", upper.header("Location"));
        assertEquals("", upper.body());
        HttpAnswer postSlash = HttpAnswer.post(url + "/topic/create/?topic=x");
        assertEquals(307, postSlash.status());
        assertEquals("/topic/create?topic=x", postSlash.header("Location"));

        HttpAnswer options = HttpAnswer.send(HttpRequest.newBuilder(URI.create(url + "/nodes"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, options.status());
        assertEquals("GET, OPTIONS", options.header("Allow"));
    }

    private static void assertError(int status, String message, HttpAnswer answer) {
        assertEquals(status, answer.status(), message);
        assertEquals("{\"message\":\"" + message + "\"}", answer.body());
        assertEquals("application/json; charset=utf-8", answer.header("Content-Type"));
    }
}
