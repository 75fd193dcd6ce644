package io.nsqj.admin.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSnapshotTest {
    private static final String NODE_A = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1,\"topics\":[{\"topic_name\":\"orders\","
            + "\"channels\":[{\"channel_name\":\"billing\",\"depth\":4,\"backend_depth\":1,\"in_flight_count\":2,"
            + "\"deferred_count\":1,\"message_count\":10,\"requeue_count\":3,\"timeout_count\":0,\"client_count\":1,"
            + "\"clients\":[{\"client_id\":\"c1\",\"hostname\":\"h1\",\"version\":\"V2\",\"remote_address\":\"127.0.0.1:5000\","
            + "\"state\":3,\"ready_count\":5,\"in_flight_count\":2,\"message_count\":10,\"finish_count\":7,"
            + "\"requeue_count\":3,\"connect_ts\":1700000000}],\"paused\":false}],"
            + "\"depth\":6,\"backend_depth\":2,\"message_count\":12,\"paused\":false}],\"producers\":[]}";
    private static final String NODE_B = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1,\"topics\":[{\"topic_name\":\"orders\","
            + "\"channels\":[{\"channel_name\":\"billing\",\"depth\":1,\"backend_depth\":0,\"in_flight_count\":0,"
            + "\"deferred_count\":0,\"message_count\":5,\"requeue_count\":0,\"timeout_count\":1,\"client_count\":0,"
            + "\"clients\":[],\"paused\":true}],"
            + "\"depth\":0,\"backend_depth\":0,\"message_count\":5,\"paused\":false}],\"producers\":[]}";

    private static ClusterSnapshot twoNodesAndOneDown() throws IOException {
        List<NodeStats> nodes = List.of(StatsParser.nodeStats("a:4151", NODE_A), StatsParser.nodeStats("b:4151", NODE_B),
                NodeStats.down("c:4151", "connection refused"));
        List<Producer> producers = List.of(Producer.direct("a:4151"), Producer.direct("b:4151"), Producer.direct("c:4151"));
        return new ClusterSnapshot(List.of(), producers, nodes);
    }

    @Test
    void aTopicSumsItsDepthAndMessagesOverTheNodesThatHaveIt() throws IOException {
        TopicView orders = twoNodesAndOneDown().topic("orders");
        assertEquals(6, orders.depth());
        assertEquals(2, orders.backendDepth());
        assertEquals(17, orders.messageCount());
    }

    @Test
    void aNodeThatDidNotAnswerIsListedDownOnTheTopic() throws IOException {
        assertEquals(List.of("c:4151"), twoNodesAndOneDown().topic("orders").downNodes());
    }

    @Test
    void aChannelSumsItsCountsAndListsEveryClient() throws IOException {
        ChannelView billing = twoNodesAndOneDown().topic("orders").channel("billing");
        assertEquals(5, billing.depth());
        assertEquals(2, billing.inFlightCount());
        assertEquals(15, billing.messageCount());
        assertEquals(1, billing.timeoutCount());
        assertEquals(1, billing.clients().size());
        assertEquals(7, billing.clients().get(0).finishCount());
    }

    @Test
    void aChannelPausedOnOneNodeShowsPaused() throws IOException {
        assertTrue(twoNodesAndOneDown().topic("orders").channel("billing").paused());
    }

    @Test
    void actionsGoOnlyToTheNodesWhoseStatsListTheTopic() throws IOException {
        assertEquals(List.of("a:4151", "b:4151"), twoNodesAndOneDown().nodesWithTopic("orders"));
    }

    @Test
    void theCounterSumsTheMessagesOfEveryChannel() throws IOException {
        assertEquals(15, twoNodesAndOneDown().messagesProcessed());
    }

    @Test
    void anNsqdGivenByItsHttpAddressIsDescribedByItsInfo() throws IOException {
        Producer p = StatsParser.info("127.0.0.1:4151", "{\"version\":\"1.3.0\",\"broadcast_address\":\"vm\","
                + "\"hostname\":\"vm\",\"http_port\":4151,\"tcp_port\":4150,\"start_time\":1}");
        assertEquals("127.0.0.1:4151", p.httpAddress());
        assertEquals("127.0.0.1:4150", p.tcpAddress());
        assertEquals("1.3.0", p.version());
    }

    @Test
    void lookupdNodesAnswersBecomeProducersNamedByHostAndHttpPort() throws IOException {
        List<Producer> producers = StatsParser.producers("l:4161", "{\"producers\":[{\"remote_address\":\"127.0.0.1:1\","
                + "\"hostname\":\"h\",\"broadcast_address\":\"10.0.0.1\",\"tcp_port\":4150,\"http_port\":4151,"
                + "\"version\":\"1.3.0\",\"tombstones\":[false,true],\"topics\":[\"a\",\"b\"]}]}");
        assertEquals("10.0.0.1:4151", producers.get(0).httpAddress());
        assertTrue(producers.get(0).isTombstoned("b"));
        assertFalse(producers.get(0).isTombstoned("a"));
    }
}
