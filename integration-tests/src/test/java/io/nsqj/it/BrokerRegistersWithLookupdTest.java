package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker registers its topics and channels with every lookupd, as nsqd does over protocol V1. */
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
}
