package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With --sync-mode=always, SIGKILL at random moments while producers publish (PUB, MPUB, DPUB) and a consumer
 * finishes, leaves in flight and defers messages: after the last restart every acknowledged message is
 * delivered, deferred ones not before their time. Duplicates are allowed (at least once) and reported.
 */
class CrashDurabilityTest {
    /** 12 in CI; a longer campaign: -Dcrash.rounds=100. */
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 12);
    private static final int PRODUCERS = 3;
    private static final long DEFER_MILLIS = 300;
    private static final String TOPIC = "durable";
    private static final String CHANNEL = "sink";

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    /** Deferred bodies and the earliest moment (epoch millis) they may be delivered. */
    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
    private final List<String> earlyDeliveries = new ArrayList<>();
    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void noAcknowledgedMessageIsLostAcrossRepeatedSigkills() throws Exception {
        broker = BrokerProcess.start("crash-always", "--sync-mode=always", "--max-bytes-per-file=200000",
                "--msg-timeout=60s");
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + TOPIC + " " + CHANNEL);
            assertEquals("OK", c.read().text());
        }
        // a graceful restart guarantees nsqd.dat lists the channel before the first crash
        broker.stop();
        broker.start();

        Random random = new Random(42);
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            runRoundUntilKill(round, 150 + random.nextInt(450));
            broker.start();
        }
        drain();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        Set<String> lost = new HashSet<>(acknowledged.keySet());
        lost.removeAll(finished.keySet());
        int duplicates = finished.values().stream().mapToInt(n -> n.get() - 1).sum();
        System.out.printf("crash test: %d SIGKILLs survived in %d s, %d messages acknowledged, %d delivered "
                        + "(%d deferred), %d lost, %d duplicate deliveries%n", ROUNDS, seconds, acknowledged.size(),
                finished.size(), notBefore.size(), lost.size(), duplicates);
        assertTrue(lost.isEmpty(), () -> lost.size() + " acknowledged messages lost, e.g. " + lost.stream().limit(5).toList());
        assertTrue(earlyDeliveries.isEmpty(), () -> "deferred messages delivered early: " + earlyDeliveries);
        assertTrue(acknowledged.size() > ROUNDS * 10, "the producers got few acknowledgements: " + acknowledged.size());
    }

    private void runRoundUntilKill(int round, long killAfterMillis) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(PRODUCERS + 1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            threads.add(started(() -> produce(round, producer, connected)));
        }
        threads.add(started(() -> consumeUntilKilled(connected)));
        connected.await(10, TimeUnit.SECONDS);
        // the crash moment is the point of the test: wall-clock time decides where the broker is interrupted
        Thread.sleep(killAfterMillis);
        broker.kill();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
    }

    private static Thread started(Runnable task) {
        Thread t = new Thread(task);
        t.start();
        return t;
    }

    /** Publishes until the connection breaks; a message counts only once its OK arrived. */
    private void produce(int round, int producer, CountDownLatch connected) {
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            connected.countDown();
            for (int seq = 0; ; seq++) {
                String prefix = "r" + round + "-p" + producer + "-" + seq;
                switch (seq % 3) {
                    case 0 -> {
                        c.pub(TOPIC, prefix);
                        expectOk(c, List.of(prefix), 0);
                    }
                    case 1 -> {
                        List<String> batch = List.of(prefix + "a", prefix + "b", prefix + "c");
                        c.command("MPUB " + TOPIC, RawNsqConnection.mpubBody(batch.toArray(String[]::new)));
                        expectOk(c, batch, 0);
                    }
                    default -> {
                        long sentAt = System.currentTimeMillis();
                        c.command("DPUB " + TOPIC + " " + DEFER_MILLIS, prefix.getBytes(StandardCharsets.UTF_8));
                        expectOk(c, List.of(prefix), sentAt + DEFER_MILLIS);
                    }
                }
            }
        } catch (RuntimeException brokerGone) {
            connected.countDown();
        }
    }

    private void expectOk(RawNsqConnection c, List<String> bodies, long dueAt) {
        Frame f = c.read();
        assertEquals("OK", f.text());
        for (String body : bodies) {
            if (dueAt > 0) {
                notBefore.put(body, dueAt);
            }
            acknowledged.put(body, System.currentTimeMillis());
        }
    }

    /** Finishes most messages; leaves every 7th in flight and requeues every 11th with a delay. */
    private void consumeUntilKilled(CountDownLatch connected) {
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + TOPIC + " " + CHANNEL);
            assertEquals("OK", c.read().text());
            c.command("RDY 50");
            connected.countDown();
            for (int n = 0; ; n++) {
                Frame f = c.read();
                if (f.type() != RawNsqConnection.FRAME_MESSAGE) {
                    continue;
                }
                checkNotEarly(f);
                if (n % 7 == 3) {
                    continue;
                }
                if (n % 11 == 5) {
                    c.command("REQ " + f.messageId() + " 200");
                    continue;
                }
                c.command("FIN " + f.messageId());
                finished.computeIfAbsent(f.body(), b -> new AtomicInteger()).incrementAndGet();
            }
        } catch (RuntimeException brokerGone) {
            connected.countDown();
        }
    }

    private void checkNotEarly(Frame f) {
        Long due = notBefore.get(f.body());
        long now = System.currentTimeMillis();
        if (due != null && now < due) {
            synchronized (earlyDeliveries) {
                earlyDeliveries.add(f.body() + " " + (due - now) + " ms early");
            }
        }
    }

    /** After the last restart: consumes until every acknowledged message was delivered or nothing comes. */
    private void drain() {
        try (RawNsqConnection c = RawNsqConnection.open(broker.tcpPort())) {
            c.command("SUB " + TOPIC + " " + CHANNEL);
            assertEquals("OK", c.read().text());
            c.command("RDY 500");
            while (!finished.keySet().containsAll(acknowledged.keySet())) {
                Optional<Frame> next = c.poll(Duration.ofSeconds(5));
                if (next.isEmpty()) {
                    return;
                }
                Frame f = next.get();
                if (f.type() == RawNsqConnection.FRAME_MESSAGE) {
                    checkNotEarly(f);
                    c.command("FIN " + f.messageId());
                    finished.computeIfAbsent(f.body(), b -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
    }
}
