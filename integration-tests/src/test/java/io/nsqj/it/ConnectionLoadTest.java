package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of connections held at once, many of them stopped in the middle of a command or body; clients
 * that vanish mid-frame, some with a reset; consumers with RDY 1 that never read their socket. Meanwhile a
 * normal producer and consumer pair keeps its latency bounded, and afterwards the broker holds no client and
 * no file descriptor more than before.
 */
class ConnectionLoadTest {
    private static final String TOPIC = "load";
    private static final int HELD = 2000;
    private static final int VANISHING = 1000;
    private static final int SLOW_CONSUMERS = 50;
    private static final long MAX_LATENCY_MILLIS = 2000;
    /** The broker's own sockets and files that may come and go (an HTTP keep-alive connection, a log). */
    private static final int FD_SLACK = 5;
    /** Ways of stopping mid-frame: half a command line, a body shorter than its size, half a size. */
    private static final byte[][] HALF_FRAMES = {
            ascii("SUB lo"),
            concat(ascii("PUB " + TOPIC + "\n"), ByteBuffer.allocate(4).putInt(100).array(), ascii("half a body")),
            concat(ascii("IDENTIFY\n"), ByteBuffer.allocate(4).putInt(200).array(), ascii("{\"client_id\":")),
            concat(ascii("MPUB " + TOPIC + "\n"), new byte[]{0, 0}),
    };

    private final List<Socket> sockets = new ArrayList<>();
    private BrokerProcess broker;

    @AfterEach
    void stop() {
        sockets.forEach(ConnectionLoadTest::closeQuietly);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(60)
    void aNormalPairIsServedThroughThousandsOfHeldVanishingAndStuckConnections() throws Exception {
        long started = System.nanoTime();
        broker = BrokerProcess.start("load");
        assertEquals(200, HttpAnswer.post(broker.httpUrl() + "/topic/create?topic=" + TOPIC).status());
        assertEquals(200, HttpAnswer.post(broker.httpUrl() + "/channel/create?topic=" + TOPIC + "&channel=fast").status());
        assertEquals(200, HttpAnswer.post(broker.httpUrl() + "/channel/create?topic=" + TOPIC + "&channel=slow").status());
        long baselineFds = BrokerStats.openFds(broker);

        List<Long> latencies;
        long peakFds;
        try (MeasuredPair pair = new MeasuredPair(broker.tcpPort(), TOPIC, "fast")) {
            for (int i = 0; i < HELD; i++) {
                // every other held connection stops in the middle of a frame and stays there
                connect(i % 2 == 0 ? magic() : concat(magic(), HALF_FRAMES[i % HALF_FRAMES.length]));
            }
            for (int i = 0; i < SLOW_CONSUMERS; i++) {
                // SUB's OK and the one message RDY 1 lets through stay unread in the socket
                connect(concat(magic(), ascii("SUB " + TOPIC + " slow\nRDY 1\n")));
            }
            for (int i = 0; i < VANISHING; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", broker.tcpPort()));
                s.getOutputStream().write(concat(magic(), HALF_FRAMES[i % HALF_FRAMES.length]));
                if (i % 2 == 0) {
                    s.setSoLinger(true, 0); // close with a reset rather than a FIN
                }
                s.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> BrokerStats.of(broker).clients() == SLOW_CONSUMERS + 2);
            peakFds = BrokerStats.openFds(broker);
            int deliveredWhileHeld = pair.delivered();
            // the pair's next thousand messages (five seconds of its pace) all go through the loaded broker
            await().atMost(Duration.ofSeconds(30)).until(() -> pair.delivered() > deliveredWhileHeld + 1000);
            sockets.forEach(ConnectionLoadTest::closeQuietly);
            latencies = pair.stop();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> BrokerStats.of(broker).clients() == 0
                && BrokerStats.openFds(broker) <= baselineFds + FD_SLACK);
        long afterFds = BrokerStats.openFds(broker);

        long p50 = latencies.get(latencies.size() / 2);
        long p99 = latencies.get(latencies.size() * 99 / 100);
        long max = latencies.get(latencies.size() - 1);
        System.out.printf("held %d connections at once (%d fds at peak, %d before, %d after); pair: %d messages,"
                        + " latency p50 %d ms, p99 %d ms, max %d ms; %d s in all%n",
                sockets.size() + 2, peakFds, baselineFds, afterFds, latencies.size(), p50, p99, max,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertTrue(peakFds >= baselineFds + HELD + SLOW_CONSUMERS, "peak fds " + peakFds);
        assertTrue(max <= MAX_LATENCY_MILLIS, "max latency " + max + " ms");
        assertEquals(0, BrokerStats.of(broker).clients());
    }

    private void connect(byte[] firstBytes) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", broker.tcpPort()));
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(firstBytes);
        out.flush();
    }

    private static byte[] magic() {
        return ascii("  V2");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
