package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
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
    private static final String LARGE_TOPIC = "large";
    private static final String DEFERRED_TOPIC = "deferred";
    private static final int LARGE_SIZE = 512 * 1024;
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

    /**
     * --mem-queue-size counts messages: at nsqd's default of 10,000, half-megabyte messages would need 5 GB.
     * The memory queues' byte budget (a quarter of the heap) sends them to disk long before that.
     */
    @Test
    void largeMessagesAtTheDefaultMemQueueSizeGoToDiskBeforeTheHeapRunsOut() throws Exception {
        broker = BrokerProcess.start("large-backlog", List.of("-Xmx" + HEAP_MB + "m"));
        assertEquals(200, HttpAnswer.send(HttpRequest.newBuilder(
                URI.create(broker.httpUrl() + "/topic/create?topic=" + LARGE_TOPIC))
                .POST(HttpRequest.BodyPublishers.noBody())).status());
        assertEquals(200, HttpAnswer.send(HttpRequest.newBuilder(
                URI.create(broker.httpUrl() + "/channel/create?topic=" + LARGE_TOPIC + "&channel=later"))
                .POST(HttpRequest.BodyPublishers.noBody())).status());
        int messages = 2 * HEAP_MB * 2;
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            for (int i = 0; i < messages; i++) {
                producer.command("PUB " + LARGE_TOPIC, largeBody(i));
                assertEquals("OK", producer.read().text());
            }
        }
        System.out.printf("published %d MiB of 512 KiB messages with a %d MiB heap, default --mem-queue-size%n",
                messages / 2, HEAP_MB);
        BitSet delivered = new BitSet(messages);
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB " + LARGE_TOPIC + " later");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 4");
            for (int received = 0; received < messages; received++) {
                Frame f = consumer.read();
                assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f.toString());
                delivered.set(Integer.parseInt(f.body().substring(0, 8)));
                consumer.command("FIN " + f.messageId());
            }
        }
        assertEquals(messages, delivered.cardinality());
        assertFalse(Files.readString(broker.logFile()).contains("OutOfMemoryError"));
    }

    /**
     * A consumer with RDY 2500 that reads but does not finish: the in-flight budget (a quarter of the heap)
     * holds deliveries back, the rest waits on disk, and everything arrives once it finishes what it holds.
     */
    @Test
    void aConsumerThatDoesNotFinishGetsNoMoreThanTheInFlightBudget() throws Exception {
        broker = BrokerProcess.start("large-inflight", List.of("-Xmx" + HEAP_MB + "m"));
        int messages = 2 * HEAP_MB * 2;
        java.util.concurrent.BlockingQueue<String> unfinished = new java.util.concurrent.LinkedBlockingQueue<>();
        BitSet delivered = new BitSet(messages);
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB " + LARGE_TOPIC + " slow");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 2500");
            // nothing arrives while the budget is spent: the reader waits as long as it takes
            consumer.setReadTimeout(0);
            Thread reader = new Thread(() -> {
                while (delivered.cardinality() < messages) {
                    Frame f = consumer.read();
                    synchronized (delivered) {
                        delivered.set(Integer.parseInt(new String(f.data(), 26, 8,
                                java.nio.charset.StandardCharsets.US_ASCII)));
                    }
                    unfinished.add(f.messageId());
                }
            });
            reader.setDaemon(true);
            reader.start();
            for (int i = 0; i < messages; i++) {
                producer.command("PUB " + LARGE_TOPIC, largeBody(i));
                assertEquals("OK", producer.read().text());
            }
            Thread.sleep(500);
            int held = unfinished.size();
            assertTrue(held < messages / 4, held + " of " + messages + " delivered without a FIN");
            System.out.printf("a consumer that finishes nothing held %d of %d 512 KiB messages (%d MiB heap)%n",
                    held, messages, HEAP_MB);
            while (true) {
                synchronized (delivered) {
                    if (delivered.cardinality() == messages) {
                        break;
                    }
                }
                String id = unfinished.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(id != null, () -> "deliveries stopped at " + delivered.cardinality() + ": "
                        + HttpAnswer.get(broker.httpUrl() + "/stats?format=json").body());
                consumer.command("FIN " + id);
            }
        }
        assertFalse(Files.readString(broker.logFile()).contains("OutOfMemoryError"));
    }

    /**
     * A consumer that requeues every message with a delay (a downstream outage, say): the deferred messages
     * outgrow their share of the heap and wait on disk, and each comes back once, not before its delay.
     */
    @Test
    void requeuesWithADelayBeyondTheHeapWaitOnDisk() throws Exception {
        broker = BrokerProcess.start("large-deferred", List.of("-Xmx" + HEAP_MB + "m"));
        int messages = 2 * HEAP_MB * 2;
        long delayMillis = 3000;
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB " + DEFERRED_TOPIC + " retry");
            assertEquals("OK", consumer.read().text());
            for (int i = 0; i < messages; i++) {
                producer.command("PUB " + DEFERRED_TOPIC, largeBody(i));
                assertEquals("OK", producer.read().text());
            }
            consumer.command("RDY 50");
            long[] requeuedAt = new long[messages];
            BitSet finished = new BitSet(messages);
            consumer.setReadTimeout(30_000);
            while (finished.cardinality() < messages) {
                Frame f = consumer.read();
                assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f.toString());
                int index = Integer.parseInt(new String(f.data(), 26, 8, java.nio.charset.StandardCharsets.US_ASCII));
                if (f.attempts() == 1) {
                    requeuedAt[index] = System.currentTimeMillis();
                    consumer.command("REQ " + f.messageId() + " " + delayMillis);
                } else {
                    long waited = System.currentTimeMillis() - requeuedAt[index];
                    assertTrue(waited >= delayMillis - 50, "message " + index + " back after " + waited + " ms");
                    assertFalse(finished.get(index), "message " + index + " twice");
                    finished.set(index);
                    consumer.command("FIN " + f.messageId());
                }
            }
        }
        assertFalse(Files.readString(broker.logFile()).contains("OutOfMemoryError"));
    }

    private static byte[] largeBody(int index) {
        byte[] body = new byte[LARGE_SIZE];
        java.util.Arrays.fill(body, (byte) 'y');
        byte[] prefix = String.format("%08d", index).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        return body;
    }

    /** The message's index in its first 8 characters, padded to the message size. */
    private static String body(int index) {
        return String.format("%08d", index) + "x".repeat(MESSAGE_SIZE - 8);
    }
}
