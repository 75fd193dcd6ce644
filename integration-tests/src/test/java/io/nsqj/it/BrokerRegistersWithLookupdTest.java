package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.RawNsqConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker registers its topics and channels with every lookupd, as nsqd does over protocol V1, including
 * lookupds given at runtime through /config/nsqlookupd_tcp_addresses.
 */
class BrokerRegistersWithLookupdTest {
    private final RecordingLookupd first = new RecordingLookupd();
    private final RecordingLookupd second = new RecordingLookupd();
    private BrokerProcess broker;

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        first.close();
        second.close();
    }

    private void startBroker(String... lookupdFlags) {
        String[] flags = new String[lookupdFlags.length + 1];
        flags[0] = "--broadcast-address=127.0.0.1";
        System.arraycopy(lookupdFlags, 0, flags, 1, lookupdFlags.length);
        broker = BrokerProcess.start("lookup-registration", flags);
    }

    private void subscribe(String topic, String channel) {
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + topic + " " + channel);
            assertEquals("OK", c.read().text());
        }
    }

    @Test
    void identifiesWithItsBroadcastAddressAndPorts() throws Exception {
        startBroker("--lookupd-tcp-address=" + first.address());
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.identifyBodies.isEmpty());
        assertEquals("MAGIC V1", first.commands.get(0));
        JsonNode identify = new ObjectMapper().readTree(first.identifyBodies.get(0));
        assertEquals("127.0.0.1", identify.get("broadcast_address").asText());
        assertEquals(broker.tcpPort(), identify.get("tcp_port").asInt());
        assertEquals(broker.httpPort(), identify.get("http_port").asInt());
        assertEquals("1.3.0", identify.get("version").asText());
        assertTrue(identify.hasNonNull("hostname"));
    }

    @Test
    void registersNewTopicsAndChannelsWithEveryLookupd() {
        startBroker("--lookupd-tcp-address=" + first.address(), "-lookupd-tcp-address", second.address());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.connectionCount() == 1 && second.connectionCount() == 1);
        subscribe("orders", "billing");
        for (RecordingLookupd lookupd : new RecordingLookupd[]{first, second}) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    lookupd.commands.contains("REGISTER orders") && lookupd.commands.contains("REGISTER orders billing"));
        }
    }

    @Test
    void unregistersAnEphemeralChannelWhenItsLastClientLeaves() {
        startBroker("--lookupd-tcp-address=" + first.address());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.connectionCount() == 1);
        subscribe("clicks", "live#ephemeral");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.commands.contains("UNREGISTER clicks live#ephemeral"));
    }

    @Test
    void reRegistersEverythingAfterTheLookupdConnectionDrops() throws Exception {
        startBroker("--lookupd-tcp-address=" + first.address());
        subscribe("payments", "ledger");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.commands.contains("REGISTER payments ledger"));

        first.commands.clear();
        first.dropConnections();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                first.commands.contains("IDENTIFY") && first.commands.contains("REGISTER payments ledger"));
    }

    @Test
    void aLookupdGivenByDnsNameIsResolvedAndUsed() {
        startBroker("--lookupd-tcp-address=localhost:" + first.address().split(":")[1]);
        subscribe("dns", "resolved");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.commands.contains("REGISTER dns resolved"));
    }

    @Test
    void configPutReplacesTheLookupdsAndTheBrokerRegistersWithTheNewOne() {
        startBroker("--lookupd-tcp-address=" + first.address());
        assertEquals("[\"" + first.address() + "\"]", lookupdAddresses("GET", null).body());
        subscribe("runtime", "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.commands.contains("REGISTER runtime before"));

        HttpAnswer put = lookupdAddresses("PUT", "[\"" + second.address() + "\"]");
        assertEquals(200, put.status(), put.body());
        assertEquals("[\"" + second.address() + "\"]", put.body());
        assertEquals("application/json; charset=utf-8", put.header("Content-Type"));
        assertEquals(put.body(), lookupdAddresses("GET", null).body());

        await().atMost(Duration.ofSeconds(10)).until(() -> second.commands.contains("REGISTER runtime before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.connectionCount() == 0);
        subscribe("runtime", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> second.commands.contains("REGISTER runtime after"));
        assertFalse(first.commands.contains("REGISTER runtime after"));
    }

    @Test
    void configPutOfNullOrAnEmptyArrayLeavesNoLookupd() {
        startBroker("--lookupd-tcp-address=" + first.address());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.connectionCount() == 1);

        HttpAnswer nil = lookupdAddresses("PUT", "null");
        assertEquals(200, nil.status(), nil.body());
        assertEquals("null", nil.body(), "nsqd answers Go's nil slice");
        assertEquals("null", lookupdAddresses("GET", null).body());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.connectionCount() == 0);

        String onlySecond = "[\"" + second.address() + "\"]";
        assertEquals(onlySecond, lookupdAddresses("PUT", onlySecond).body());
        await().atMost(Duration.ofSeconds(10)).until(() -> second.connectionCount() == 1);
        assertEquals("[]", lookupdAddresses("PUT", " [ ] ").body());
        await().atMost(Duration.ofSeconds(10)).until(() -> second.connectionCount() == 0);
    }

    @Test
    void configPutRefusesWhatNsqdRefusesAndKeepsTheLookupds() {
        startBroker("--lookupd-tcp-address=" + first.address());
        String list = "[\"" + first.address() + "\"]";
        for (String bad : new String[]{"\"" + second.address() + "\"", "[4160]", "{\"a\":\"b\"}", "[\"a\",]",
                "[\"a\"] [\"b\"]", "// no comments\n[]", "nul"}) {
            assertInvalidValue(400, lookupdAddresses("PUT", bad), bad);
        }
        assertInvalidValue(413, lookupdAddresses("PUT", ""), "an empty body");
        assertEquals(list, lookupdAddresses("GET", null).body());
    }

    @Test
    void anAddressThatIsNoHostAndPortDoesNotKeepTheOthersFromRegistering() {
        startBroker();
        HttpAnswer put = lookupdAddresses("PUT", "[\"no-port\", \"\", \"" + first.address() + "\"]");
        assertEquals("[\"no-port\",\"\",\"" + first.address() + "\"]", put.body());
        subscribe("mixed", "list");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.commands.contains("REGISTER mixed list"));
    }

    private HttpAnswer lookupdAddresses(String method, String body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HttpAnswer.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/config/nsqlookupd_tcp_addresses"))
                .method(method, publisher));
    }

    private static void assertInvalidValue(int status, HttpAnswer answer, String body) {
        assertEquals(status, answer.status(), body);
        assertEquals("{\"message\":\"INVALID_VALUE\"}", answer.body(), body);
    }
}
