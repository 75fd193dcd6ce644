package io.nsqj.broker.tcp;

import io.nsqj.broker.core.SyncMode;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that publishes without reading its replies is not read from while they fill its write queue. */
class ReplyBackpressureTest {

    @Test
    void readingStopsWhileRepliesAreNotReadAndResumesOnceTheyAre() throws Exception {
        try (FakeConnection connection = new FakeConnection(SyncMode.INTERVAL)) {
            connection.read("  V2".getBytes(StandardCharsets.US_ASCII));
            connection.socket().setWriteQueueFull(true);
            connection.read(pub());
            assertTrue(connection.socket().isPaused());

            connection.socket().drain();
            assertFalse(connection.socket().isPaused());
            connection.read(pub());
            assertFalse(connection.socket().isPaused());
        }
    }

    private static byte[] pub() {
        byte[] line = "PUB t\n".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(line.length + 5).put(line).putInt(1).put((byte) 'x').array();
    }
}
