package io.nsqj.broker.tcp;

import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.SyncMode;
import io.nsqj.protocol.FrameType;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

import static io.nsqj.broker.tcp.FakeConnection.ascii;
import static io.nsqj.broker.tcp.FakeConnection.pub;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FINs that find their messages answer nothing, and their topic's loop marks their reply slots done without
 * a task back to the connection's loop. A reply that waits behind such a slot must still go out once the
 * slot is done, with no further read from the client: here the loops run by hand, in the worst order.
 */
class SilentRepliesTest {
    private final QueuedLoop connectionLoop = new QueuedLoop();
    private final QueuedLoop consumedTopicLoop = new QueuedLoop();
    private final QueuedLoop otherTopicLoop = new QueuedLoop();

    @Test
    void aPublishAnsweredBeforeTheSilentFinAheadOfItIsWrittenOnceTheFinIsDone() throws Exception {
        ArrayDeque<OwnerLoop> loops = new ArrayDeque<>(List.of(consumedTopicLoop, otherTopicLoop));
        Supplier<OwnerLoop> eachTopicItsLoop = loops::poll;
        try (FakeConnection connection = new FakeConnection(SyncMode.INTERVAL, connectionLoop, eachTopicItsLoop)) {
            connection.read(ascii("  V2SUB consumed ch\nRDY 1\n"));
            runAll();
            connection.read(pub("consumed"));
            runAll();
            assertEquals(List.of("0:OK", "0:OK"), connection.output().replies());
            String id = onlyMessageId(connection.socket().written());

            connection.read(ascii("FIN " + id + "\n"));
            connection.read(pub("other"));
            // the PUB's topic answers first; its OK must wait for the FIN ahead of it
            otherTopicLoop.drain();
            connectionLoop.drain();
            assertEquals(List.of("0:OK", "0:OK"), connection.output().replies());

            // the FIN completes silently on its loop: that alone gets the OK written
            consumedTopicLoop.drain();
            connectionLoop.drain();
            assertEquals(List.of("0:OK", "0:OK", "0:OK"), connection.output().replies());
        }
    }

    @Test
    void finsThatAllFindTheirMessagesSendNoTaskBack() throws Exception {
        ArrayDeque<OwnerLoop> loops = new ArrayDeque<>(List.of(consumedTopicLoop));
        try (FakeConnection connection = new FakeConnection(SyncMode.INTERVAL, connectionLoop, loops::poll)) {
            connection.read(ascii("  V2SUB consumed ch\nRDY 1\n"));
            runAll();
            connection.read(pub("consumed"));
            runAll();
            String id = onlyMessageId(connection.socket().written());

            connection.read(ascii("FIN " + id + "\n"));
            consumedTopicLoop.drain();
            assertEquals(0, connectionLoop.pending(), "a task went back for a FIN that answers nothing");
            // the next read passes over the done slot, and its own reply goes out at once
            connection.read(ascii("FIN 0123456789abcdef\n"));
            consumedTopicLoop.drain();
            connectionLoop.drain();
            assertEquals(List.of("0:OK", "0:OK", "1:E_FIN_FAILED FIN 0123456789abcdef failed ID not in flight"),
                    connection.output().replies());
        }
    }

    private void runAll() {
        for (int i = 0; i < 4; i++) {
            consumedTopicLoop.drain();
            otherTopicLoop.drain();
            connectionLoop.drain();
        }
    }

    /** The id of the one message frame among what was written. */
    private static String onlyMessageId(Buffer written) {
        String id = null;
        int pos = 0;
        while (pos < written.length()) {
            int size = written.getInt(pos);
            if (written.getInt(pos + 4) == FrameType.MESSAGE) {
                id = written.getString(pos + 8 + 8 + 2, pos + 8 + 8 + 2 + 16, "US-ASCII");
            }
            pos += 4 + size;
        }
        if (id == null) {
            throw new AssertionError("no message delivered");
        }
        return id;
    }
}
