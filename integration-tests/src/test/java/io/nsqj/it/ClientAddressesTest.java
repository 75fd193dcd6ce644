package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import io.nsqj.testsupport.RawLookupConnection;
import io.nsqj.testsupport.RawNsqConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How nsqd and nsqlookupd 1.3 name a peer by its address, over IPv4 and IPv6 loopback. Both report Go's
 * conn.RemoteAddr().String(), which brackets an IPv6 host ("[::1]:54321"); until IDENTIFY, nsqd's client_id and
 * hostname are that address's host without brackets or port (nsqd/client_v2.go newClientV2).
 */
@Timeout(60)
class ClientAddressesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void requireIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException e) {
            assumeTrue(false, "this machine has no IPv6 loopback: " + e.getMessage());
        }
    }

    private static JsonNode stats(BrokerProcess broker) throws IOException {
        return JSON.readTree(HttpAnswer.get(broker.httpUrl() + "/stats?format=json").body());
    }

    @Test
    void consumersWithoutIdentifyAreNamedByTheirHostAndListedByGosAddress() throws Exception {
        try (BrokerProcess broker = BrokerProcess.startOnAllAddresses("client-addresses");
             RawNsqConnection overIpv4 = RawNsqConnection.open("127.0.0.1", broker.tcpPort());
             RawNsqConnection overIpv6 = RawNsqConnection.open("::1", broker.tcpPort())) {
            subscribe(overIpv4, "addresses", "v4");
            subscribe(overIpv6, "addresses", "v6");

            JsonNode channels = stats(broker).path("topics").path(0).path("channels");
            JsonNode v4 = channels.path(0).path("clients").path(0);
            assertEquals("127.0.0.1:" + overIpv4.localPort(), v4.path("remote_address").asText());
            assertEquals("127.0.0.1", v4.path("client_id").asText());
            assertEquals("127.0.0.1", v4.path("hostname").asText());
            JsonNode v6 = channels.path(1).path("clients").path(0);
            assertEquals("[::1]:" + overIpv6.localPort(), v6.path("remote_address").asText());
            assertEquals("::1", v6.path("client_id").asText());
            assertEquals("::1", v6.path("hostname").asText());
        }
    }

    @Test
    void producersOverIpv6AreListedByGosAddress() throws Exception {
        try (BrokerProcess broker = BrokerProcess.startOnAllAddresses("producer-addresses");
             RawNsqConnection producer = RawNsqConnection.open("::1", broker.tcpPort())) {
            publish(producer, "addresses", "from ::1");

            JsonNode stats = stats(broker);
            JsonNode p = stats.path("producers").path(0);
            assertEquals("[::1]:" + producer.localPort(), p.path("remote_address").asText());
            assertEquals("::1", p.path("client_id").asText());
            assertEquals("::1", p.path("hostname").asText());
            // nsqd's text line is "hostname:port user_agent"
            String text = HttpAnswer.get(broker.httpUrl() + "/stats").body();
            assertTrue(text.contains("[V2 ::1:" + producer.localPort() + " "), text);
        }
    }

    /** nsqlookupd overwrites remote_address with the connection's; hostname and broadcast_address stay as sent. */
    @Test
    void lookupdListsAPeerOverIpv6ByGosAddressAndItsOwnBroadcastAddress() {
        try (LookupdProcess lookupd = LookupdProcess.startOnAllAddresses("lookupd-addresses");
             RawLookupConnection nsqd = RawLookupConnection.open("::1", lookupd.tcpPort())) {
            nsqd.identify("{\"remote_address\":\"made-up:1\",\"hostname\":\"nsqd-host\","
                    + "\"broadcast_address\":\"::1\",\"tcp_port\":4150,\"http_port\":4151,\"version\":\"1.3.0\"}")
                    .read();
            assertEquals("OK", nsqd.call("REGISTER addresses"));

            JsonNode node = readTree(HttpAnswer.get(lookupd.httpUrl() + "/nodes").body()).path("producers").path(0);
            assertEquals("[::1]:" + nsqd.localPort(), node.path("remote_address").asText());
            assertEquals("nsqd-host", node.path("hostname").asText());
            assertEquals("::1", node.path("broadcast_address").asText());
        }
    }

    /** A broker pointed at lookupd's IPv6 address registers, and lookupd lists it by Go's address. */
    @Test
    void brokerRegistersWithLookupdOverIpv6() {
        try (LookupdProcess lookupd = LookupdProcess.startOnAllAddresses("lookupd-over-ipv6");
             BrokerProcess broker = BrokerProcess.start("broker-over-ipv6", "--broadcast-address=::1",
                     "--lookupd-tcp-address=[::1]:" + lookupd.tcpPort())) {
            JsonNode node = awaitNode(lookupd);
            assertTrue(node.path("remote_address").asText().matches("\\[::1]:\\d+"), node.toString());
            assertEquals("::1", node.path("broadcast_address").asText());
            assertEquals(broker.tcpPort(), node.path("tcp_port").asInt());
        }
    }

    private static JsonNode awaitNode(LookupdProcess lookupd) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> readTree(HttpAnswer.get(lookupd.httpUrl() + "/nodes").body()).path("producers").path(0),
                node -> !node.isMissingNode());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
