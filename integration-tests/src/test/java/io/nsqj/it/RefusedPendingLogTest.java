package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --sync-mode=always while the channel's pending log (its record of in-flight messages) refuses writes: the
 * broker's file size limit is lowered to that file's size with prlimit, so every append to it fails with EFBIG
 * (a real write error, as a full disk gives) while the small queue segments still take writes. Consumers are
 * still served; a message delivered then stays covered by the queue's stored read position, so a SIGKILL
 * loses none of them, and once the limit is lifted the broker goes on as before.
 */
class RefusedPendingLogTest {
    private static final String TOPIC = "refused";
    private static final String CHANNEL = "c";
    private static final String BODY_PADDING = "x".repeat(300);

    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void messagesDeliveredWhileThePendingLogRefusesSurviveASigkill() throws Exception {
        startStrictBroker("refused-log");
        Set<String> unfinished = new HashSet<>();
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = subscribe()) {
            growThePendingLogThenRefuseIt(producer, consumer);

            publish(producer, 200, 250);
            List<Frame> delivered = receive(consumer, 50);
            for (int i = 0; i < delivered.size(); i++) {
                if (i % 2 == 0) {
                    consumer.command("FIN " + delivered.get(i).messageId());
                } else {
                    unfinished.add(delivered.get(i).body());
                }
            }
            producer.pub(TOPIC, "after the FINs");
            assertEquals("OK", producer.read().text());
            unfinished.add("after the FINs");
            awaitLog("could not record a message in flight or deferred");
        }
        broker.kill();
        broker.start();

        Set<String> received = new HashSet<>();
        int duplicates = 0;
        try (RawNsqConnection consumer = subscribe()) {
            consumer.command("RDY 500");
            Optional<Frame> f;
            while ((f = consumer.poll(Duration.ofSeconds(2))).isPresent()) {
                assertEquals(RawNsqConnection.FRAME_MESSAGE, f.get().type(), f.get()::toString);
                if (!received.add(f.get().body())) {
                    duplicates++;
                }
                consumer.command("FIN " + f.get().messageId());
            }
        }
        Set<String> lost = new HashSet<>(unfinished);
        lost.removeAll(received);
        assertTrue(lost.isEmpty(), () -> lost.size() + " unfinished messages lost: " + lost);
        System.out.printf("refused pending log: %d unfinished at SIGKILL, all delivered after the restart, with %d "
                + "finished ones delivered again and %d duplicates among them%n",
                unfinished.size(), received.size() - unfinished.size(), duplicates);
    }

    @Test
    void afterTheLimitIsLiftedFinishedMessagesAreNotDeliveredAgain() throws Exception {
        startStrictBroker("refused-log-lifted");
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = subscribe()) {
            growThePendingLogThenRefuseIt(producer, consumer);
            publish(producer, 200, 250);
            List<Frame> heldUnrecorded = receive(consumer, 50);
            awaitLog("could not record a message in flight or deferred");

            setFileSizeLimit("unlimited");
            for (Frame m : heldUnrecorded) {
                consumer.command("FIN " + m.messageId());
            }
            publish(producer, 250, 260);
            for (Frame m : receive(consumer, 10)) {
                consumer.command("FIN " + m.messageId());
            }
            producer.pub(TOPIC, "last");
            assertEquals("OK", producer.read().text());
            Frame last = consumer.read();
            assertEquals("last", last.body());
            consumer.command("FIN " + last.messageId());
            consumer.command("NOP");
        }
        broker.stop();
        broker.start();
        try (RawNsqConnection consumer = subscribe()) {
            consumer.command("RDY 500");
            Optional<Frame> again = consumer.poll(Duration.ofSeconds(2));
            assertTrue(again.isEmpty(), () -> "delivered again after a graceful restart: " + again.get().body());
        }
    }

    @Test
    void aDeferredPublishWhileThePendingLogRefusesWaitsInTheSpill() throws Exception {
        startStrictBroker("refused-log-dpub");
        try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection consumer = subscribe()) {
            growThePendingLogThenRefuseIt(producer, consumer);
            long publishedAt = System.currentTimeMillis();
            producer.command("DPUB " + TOPIC + " 500", "later".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("OK", producer.read().text());
            producer.pub(TOPIC, "now");
            assertEquals("OK", producer.read().text());
            assertEquals("now", consumer.read().body());
            Frame later = consumer.read();
            assertEquals("later", later.body());
            long waited = System.currentTimeMillis() - publishedAt;
            assertTrue(waited >= 500, "delivered after " + waited + " ms");
        }
    }

    /** Small queue segments, so that only the pending log grows past the file size limit set later. */
    private void startStrictBroker(String name) {
        broker = BrokerProcess.start(name, "--sync-mode=always", "--max-bytes-per-file=4096", "--msg-timeout=60s");
    }

    /** 200 messages delivered and finished make the pending log big enough; then it refuses every append. */
    private void growThePendingLogThenRefuseIt(RawNsqConnection producer, RawNsqConnection consumer)
            throws Exception {
        consumer.command("RDY 300");
        publish(producer, 0, 200);
        for (Frame m : receive(consumer, 200)) {
            consumer.command("FIN " + m.messageId());
        }
        refusePendingLogAppends();
    }

    private RawNsqConnection subscribe() {
        RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort());
        consumer.command("SUB " + TOPIC + " " + CHANNEL);
        assertEquals("OK", consumer.read().text());
        return consumer;
    }

    private static void publish(RawNsqConnection producer, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.pub(TOPIC, "m" + i + BODY_PADDING);
            assertEquals("OK", producer.read().text());
        }
    }

    private static List<Frame> receive(RawNsqConnection consumer, int count) {
        List<Frame> frames = new ArrayList<>();
        while (frames.size() < count) {
            Frame f = consumer.read();
            assertEquals(RawNsqConnection.FRAME_MESSAGE, f.type(), f::toString);
            frames.add(f);
        }
        return frames;
    }

    /** From now on the broker cannot grow any file beyond the pending log's current size. */
    private void refusePendingLogAppends() throws Exception {
        Path log = broker.dataPath().resolve(TOPIC + ":" + CHANNEL + ".pending.dat");
        long size = awaitStableSize(log);
        assertTrue(size > 20_000, "pending log of " + size + " bytes, smaller than the broker's own log could be");
        setFileSizeLimit(Long.toString(size));
    }

    private void setFileSizeLimit(String limit) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(broker.pid()),
                "--fsize=" + limit + ":").redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    private static long awaitStableSize(Path file) throws Exception {
        long size = -1;
        while (true) {
            Thread.sleep(300);
            long now = Files.size(file);
            if (now == size) {
                return size;
            }
            size = now;
        }
    }

    private void awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.readString(broker.logFile()).contains(text)) {
            assertTrue(System.currentTimeMillis() < deadline, "the broker never logged: " + text);
            Thread.sleep(100);
        }
    }
}
