package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a SIGKILL, a channel's disk queue loses its last bytes (torn write) and its pending log gets a flipped
 * byte: the broker starts, drops only the damaged records, delivers the rest and accepts new messages.
 */
class CorruptFilesRecoveryTest {
    private static final int N = 50;
    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void damagedQueueAndPendingLogAreRecovered() throws IOException {
        broker = BrokerProcess.start("corrupt-files", "--sync-mode=always");
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort());
             RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB t c");
            assertEquals("OK", consumer.read().text());
            String[] bodies = new String[N];
            for (int i = 0; i < N; i++) {
                bodies[i] = "m" + i;
            }
            producer.command("MPUB t", RawNsqConnection.mpubBody(bodies));
            assertEquals("OK", producer.read().text());
            consumer.command("RDY 5");
            for (int i = 0; i < 5; i++) {
                assertEquals(RawNsqConnection.FRAME_MESSAGE, consumer.read().type());
            }
            // answered after a group commit that covers the pending log written for the deliveries above
            producer.pub("t", "last");
            assertEquals("OK", producer.read().text());
            broker.kill();
        }
        Path data = broker.dataPath();
        try (FileChannel queue = FileChannel.open(data.resolve("t:c.diskqueue.000000.dat"), StandardOpenOption.WRITE)) {
            queue.truncate(queue.size() - 3);
        }
        try (FileChannel pending = FileChannel.open(data.resolve("t:c.pending.dat"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            pending.read(b, 20);
            pending.write(ByteBuffer.wrap(new byte[]{(byte) ~b.get(0)}), 20);
        }
        broker.start();

        Set<String> received = new HashSet<>();
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB t c");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 100");
            Optional<Frame> f;
            while ((f = consumer.poll(Duration.ofSeconds(2))).isPresent()) {
                received.add(f.get().body());
                consumer.command("FIN " + f.get().messageId());
            }
            // the torn tail costs the last message of the queue; the flipped byte the pending log's records
            assertTrue(received.size() >= N - 5, () -> "only " + received.size() + " delivered: " + received);
            consumer.command("RDY 1");
            try (RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
                producer.pub("t", "after");
                assertEquals("OK", producer.read().text());
            }
            assertEquals("after", consumer.read().body());
        }
    }
}
