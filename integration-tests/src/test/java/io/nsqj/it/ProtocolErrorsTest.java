package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.nsqj.it.NsqAssertions.assertFatal;
import static io.nsqj.it.NsqAssertions.assertResponse;
import static io.nsqj.it.NsqAssertions.publish;
import static io.nsqj.it.NsqAssertions.subscribe;

/**
 * Every fatal error of protocol V2, byte for byte as nsqd words it (protocol_v2.go, client_v2.go): the client
 * gets the error frame, its connection is closed, and a client connected beside it goes on being served.
 */
class ProtocolErrorsTest {
    private static final int MAX_MSG_SIZE = 100;
    private static final int MAX_BODY_SIZE = 1000;
    private static final int MAX_RDY_COUNT = 50;
    private static final int MAX_REQ_TIMEOUT_MILLIS = 2000;
    private static final int MAX_MSG_TIMEOUT_MILLIS = 20_000;
    private static final int MAX_CHANNEL_CONSUMERS = 1;

    static BrokerProcess broker;
    Bystander bystander;
    RawNsqConnection client;
    String topic;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("errors", "--max-msg-size=" + MAX_MSG_SIZE, "--max-body-size=" + MAX_BODY_SIZE,
                "--max-rdy-count=" + MAX_RDY_COUNT, "--max-req-timeout=" + MAX_REQ_TIMEOUT_MILLIS + "ms",
                "--max-msg-timeout=" + MAX_MSG_TIMEOUT_MILLIS + "ms", "--max-channel-consumers=" + MAX_CHANNEL_CONSUMERS);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void connect(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName();
        bystander = Bystander.connect(broker.tcpPort());
        client = RawNsqConnection.open(broker.tcpPort());
    }

    @AfterEach
    void disconnect() {
        client.close();
        bystander.close();
    }

    private void assertFatalAndOthersServed(String expected) {
        assertFatal(expected, client);
        bystander.assertStillServed();
    }

    @Test
    void wrongProtocolMagicIsBadProtocol() {
        try (RawNsqConnection v1 = RawNsqConnection.openWithoutMagic(broker.tcpPort())) {
            v1.write("  V1".getBytes(StandardCharsets.US_ASCII));
            assertFatal("E_BAD_PROTOCOL", v1);
        }
        bystander.assertStillServed();
    }

    @Test
    void unknownCommandIsInvalid() {
        client.command("BOGUS arg");
        assertFatalAndOthersServed("E_INVALID invalid command BOGUS");
    }

    @Test
    void fatalErrorComesAfterTheRepliesOfEarlierCommands() {
        client.pub(topic, "first");
        client.command("BOGUS");
        assertResponse("OK", client.read());
        assertFatalAndOthersServed("E_INVALID invalid command BOGUS");
    }

    @Test
    void subBeyondMaxChannelConsumersIsSubFailed() {
        try (RawNsqConnection first = RawNsqConnection.open(broker.tcpPort())) {
            subscribe(first, topic, "ch");
            client.command("SUB " + topic + " ch");
            assertFatalAndOthersServed("E_SUB_FAILED SUB failed consumers for " + topic + ":ch exceeds limit of 1");
            publish(first, topic, "the first consumer is still served");
        }
    }

    @Test
    void rdyBeforeSubIsInvalid() {
        client.command("RDY 1");
        assertFatalAndOthersServed("E_INVALID cannot RDY in current state");
    }

    @Test
    void finBeforeSubIsInvalid() {
        client.command("FIN 0123456789abcdef");
        assertFatalAndOthersServed("E_INVALID cannot FIN in current state");
    }

    @Test
    void reqBeforeSubIsInvalid() {
        client.command("REQ 0123456789abcdef 0");
        assertFatalAndOthersServed("E_INVALID cannot REQ in current state");
    }

    @Test
    void touchBeforeSubIsInvalid() {
        client.command("TOUCH 0123456789abcdef");
        assertFatalAndOthersServed("E_INVALID cannot TOUCH in current state");
    }

    @Test
    void clsBeforeSubIsInvalid() {
        client.command("CLS");
        assertFatalAndOthersServed("E_INVALID cannot CLS in current state");
    }

    @Test
    void unparsableRdyCountIsInvalid() {
        subscribe(client, topic, "ch");
        client.command("RDY -1");
        assertFatalAndOthersServed("E_INVALID RDY could not parse count -1");
    }

    @Test
    void rdyAboveMaxRdyCountIsInvalid() {
        subscribe(client, topic, "ch");
        client.command("RDY " + (MAX_RDY_COUNT + 1));
        assertFatalAndOthersServed("E_INVALID RDY count 51 out of range 0-50");
    }

    @Test
    void malformedMessageIdIsInvalid() {
        subscribe(client, topic, "ch");
        client.command("FIN 0123");
        assertFatalAndOthersServed("E_INVALID invalid message ID");
    }

    @Test
    void unparsableReqTimeoutIsInvalid() {
        subscribe(client, topic, "ch");
        client.command("REQ 0123456789abcdef soon");
        assertFatalAndOthersServed("E_INVALID REQ could not parse timeout soon");
    }

    @Test
    void subWithHeartbeatsDisabledIsInvalid() {
        client.identify("{\"heartbeat_interval\":-1}");
        assertResponse("OK", client.read());
        client.command("SUB " + topic + " ch");
        assertFatalAndOthersServed("E_INVALID cannot SUB with heartbeats disabled");
    }

    @Test
    void identifyAfterSubIsInvalid() {
        subscribe(client, topic, "ch");
        client.identify("{}");
        assertFatalAndOthersServed("E_INVALID cannot IDENTIFY in current state");
    }

    @Test
    void secondSubIsInvalid() {
        subscribe(client, topic, "ch");
        client.command("SUB " + topic + " other");
        assertFatalAndOthersServed("E_INVALID cannot SUB in current state");
    }

    @Test
    void subWithoutChannelIsInvalid() {
        client.command("SUB " + topic);
        assertFatalAndOthersServed("E_INVALID SUB insufficient number of parameters");
    }

    @Test
    void dpubTimeoutAboveMaxReqTimeoutIsInvalid() {
        client.command("DPUB " + topic + " " + (MAX_REQ_TIMEOUT_MILLIS + 1), "late".getBytes(StandardCharsets.UTF_8));
        assertFatalAndOthersServed("E_INVALID DPUB timeout 2001 out of range 0-2000");
    }

    @Test
    void subToInvalidTopicIsBadTopic() {
        client.command("SUB bad*topic ch");
        assertFatalAndOthersServed("E_BAD_TOPIC SUB topic name \"bad*topic\" is not valid");
    }

    @Test
    void pubToInvalidTopicIsBadTopic() {
        client.pub("bad*topic", "body");
        assertFatalAndOthersServed("E_BAD_TOPIC PUB topic name \"bad*topic\" is not valid");
    }

    @Test
    void mpubToInvalidTopicIsBadTopicWithTheCodeRepeated() {
        client.command("MPUB bad*topic", RawNsqConnection.mpubBody("body"));
        assertFatalAndOthersServed("E_BAD_TOPIC E_BAD_TOPIC MPUB topic name \"bad*topic\" is not valid");
    }

    @Test
    void subToInvalidChannelIsBadChannel() {
        client.command("SUB " + topic + " bad*channel");
        assertFatalAndOthersServed("E_BAD_CHANNEL SUB channel name \"bad*channel\" is not valid");
    }

    @Test
    void pubWithEmptyBodyIsBadMessage() {
        client.pub(topic, "");
        assertFatalAndOthersServed("E_BAD_MESSAGE PUB invalid message body size 0");
    }

    @Test
    void pubAboveMaxMsgSizeIsBadMessage() {
        client.pub(topic, "x".repeat(MAX_MSG_SIZE + 1));
        assertFatalAndOthersServed("E_BAD_MESSAGE PUB message too big 101 > 100");
    }

    @Test
    void dpubAboveMaxMsgSizeIsBadMessage() {
        client.command("DPUB " + topic + " 10", "x".repeat(MAX_MSG_SIZE + 1).getBytes(StandardCharsets.UTF_8));
        assertFatalAndOthersServed("E_BAD_MESSAGE DPUB message too big 101 > 100");
    }

    @Test
    void mpubMessageAboveMaxMsgSizeIsBadMessage() {
        client.command("MPUB " + topic, RawNsqConnection.mpubBody("fits", "x".repeat(MAX_MSG_SIZE + 1)));
        assertFatalAndOthersServed("E_BAD_MESSAGE MPUB message too big 101 > 100");
    }

    @Test
    void mpubWithZeroMessagesIsBadBody() {
        client.command("MPUB " + topic, ByteBuffer.allocate(4).putInt(0).array());
        assertFatalAndOthersServed("E_BAD_BODY MPUB invalid message count 0");
    }

    @Test
    void mpubWithMoreMessagesThanTheBodyCanHoldIsBadBody() {
        client.command("MPUB " + topic, ByteBuffer.allocate(4).putInt(1000).array());
        assertFatalAndOthersServed("E_BAD_BODY MPUB invalid message count 1000");
    }

    @Test
    void mpubAboveMaxBodySizeIsBadBody() {
        // nsqd refuses on the size alone, before reading the body
        byte[] line = ("MPUB " + topic + "\n").getBytes(StandardCharsets.US_ASCII);
        client.write(ByteBuffer.allocate(line.length + 4).put(line).putInt(MAX_BODY_SIZE + 1).array());
        assertFatalAndOthersServed("E_BAD_BODY MPUB body too big 1001 > 1000");
    }

    @Test
    void identifyWithBadJsonIsBadBody() {
        client.identify("{\"client_id\": ");
        assertFatalAndOthersServed("E_BAD_BODY IDENTIFY failed to decode JSON body");
    }

    @Test
    void identifyAboveMaxBodySizeIsBadBody() {
        String json = "{\"client_id\":\"" + "x".repeat(MAX_BODY_SIZE) + "\"}";
        client.identify(json);
        assertFatalAndOthersServed("E_BAD_BODY IDENTIFY body too big " + json.length() + " > 1000");
    }

    @Test
    void identifyMsgTimeoutBelowOneSecondIsBadBody() {
        client.identify("{\"msg_timeout\":999}");
        assertFatalAndOthersServed("E_BAD_BODY IDENTIFY msg timeout (999) is invalid");
    }

    @Test
    void identifyMsgTimeoutAboveMaxMsgTimeoutIsBadBody() {
        client.identify("{\"msg_timeout\":" + (MAX_MSG_TIMEOUT_MILLIS + 1) + "}");
        assertFatalAndOthersServed("E_BAD_BODY IDENTIFY msg timeout (20001) is invalid");
    }
}
