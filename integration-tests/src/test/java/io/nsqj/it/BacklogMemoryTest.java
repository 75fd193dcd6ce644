package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A topic with no channel and no consumer keeps at most --mem-queue-size messages in memory and the rest on
 * disk: a producer pushes twice the broker's whole heap through it, the broker lives on, and a consumer that
 * comes later gets every message.
 */
class BacklogMemoryTest {
    private static final String TOPIC = "backlog";
    private static final int HEAP_MB = 64;
    private static final int MESSAGE_SIZE = 1024;
    private static final int BATCH = 128;
    /** 2 × the heap in message bodies alone. */
    private static final int MESSAGES = 2 * HEAP_MB * 1024 * 1024 / MESSAGE_SIZE;

    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBacklogOfTwiceTheHeapGoesToDiskAndIsAllDeliveredLater() throws Exception {
        broker = BrokerProcess.start("backlog", List.of("-Xmx" + HEAP_MB + "m"), "--mem-queue-size=100");
        long peakHeap = 0;
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            for (int first = 0; first < MESSAGES; first += BATCH) {
                String[] bodies = new String[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    bodies[i] = body(first + i);
                }
                producer.command("MPUB " + TOPIC, RawNsqConnection.mpubBody(bodies));
                assertEquals("OK", producer.read().text());
                if (first % (100 * BATCH) == 0) {
                    peakHeap = Math.max(peakHeap, BrokerStats.of(broker).heapInUseBytes());
                }
            }
        }
        assertEquals(MESSAGES, BrokerStats.of(broker).topicDepth(TOPIC));
        System.out.printf("published %d MiB with a %d MiB heap; heap in use peaked at %d MiB%n",
                (long) MESSAGES * MESSAGE_SIZE >> 20, HEAP_MB, peakHeap >> 20);

        BitSet delivered = new BitSet(MESSAGES);
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB " + TOPIC + " later");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 500");
            for (int received = 0; received < MESSAGES; received++) {
                Frame f = consumer.read();
                assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f.toString());
                delivered.set(Integer.parseInt(f.body().substring(0, 8)));
                consumer.command("FIN " + f.messageId());
            }
        }
        assertEquals(MESSAGES, delivered.cardinality());
        assertFalse(Files.readString(broker.logFile()).contains("OutOfMemoryError"));
        assertTrue(BrokerStats.of(broker).heapInUseBytes() < (long) HEAP_MB << 20);
    }

    /** The message's index in its first 8 characters, padded to the message size. */
    private static String body(int index) {
        return String.format("%08d", index) + "x".repeat(MESSAGE_SIZE - 8);
    }
}
