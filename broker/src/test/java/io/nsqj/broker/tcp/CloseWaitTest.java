package io.nsqj.broker.tcp;

import io.nsqj.broker.core.SyncMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.nsqj.broker.tcp.FakeConnection.ascii;
import static io.nsqj.broker.tcp.FakeConnection.pub;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CLS: CLOSE_WAIT goes out only once the channel stopped delivering to the client, so a client that acts on
 * it (FINs what it holds, lets a publisher go on) is sent no message after it. The channel has a loop of its
 * own, run by hand, so that the CLS's step on it can come late.
 */
class CloseWaitTest {
    private final QueuedLoop connectionLoop = new QueuedLoop();
    private final QueuedLoop topicLoop = new QueuedLoop();

    @Test
    void closeWaitWaitsForTheChannelAndNoMessageFollowsIt() throws Exception {
        try (FakeConnection connection = new FakeConnection(SyncMode.INTERVAL, connectionLoop, () -> topicLoop)) {
            connection.read(ascii("  V2SUB t ch\nRDY 10\n"));
            runBoth();
            // the fake socket takes a delivery as the channel's loop writes it, ahead of the PUB's OK
            connection.read(pub("t"));
            runBoth();
            assertEquals(List.of("0:OK", "message", "0:OK"), connection.frames());

            connection.read(ascii("CLS\n"));
            connectionLoop.drain();
            assertEquals(3, connection.frames().size(), "CLOSE_WAIT before the channel stopped delivering");

            runBoth();
            assertEquals("0:CLOSE_WAIT", connection.frames().get(3));
            // what is published now, RDY 10 notwithstanding, stays in the channel for another consumer
            connection.read(pub("t"));
            runBoth();
            assertEquals(List.of("0:OK", "message", "0:OK", "0:CLOSE_WAIT", "0:OK"), connection.frames());
        }
    }

    private void runBoth() {
        for (int i = 0; i < 4; i++) {
            topicLoop.drain();
            connectionLoop.drain();
        }
    }
}
