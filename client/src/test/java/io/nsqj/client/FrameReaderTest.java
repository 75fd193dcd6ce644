package io.nsqj.client;

import io.nsqj.protocol.FrameType;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.MessageId;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {

    /** Frames written by the broker's own encoder, so client and server agree on the layout. */
    private static byte[] brokerFrames() {
        Buffer out = Buffer.buffer();
        out.appendBuffer(Frames.response(Frames.HEARTBEAT));
        Frames.appendMessage(out, 1_700_000_000_000_000_000L, 3, MessageId.toBytes(0xabcdefL), "hello".getBytes(StandardCharsets.UTF_8));
        out.appendBuffer(Frames.error("E_BAD_TOPIC PUB topic name \"a b\" is not valid"));
        return out.getBytes();
    }

    @Test
    void framesSplitIntoOneByteReadsDecodeWhole() throws IOException {
        FrameReader reader = new FrameReader(new TrickleInputStream(brokerFrames(), 1));
        assertFrames(reader);
    }

    @Test
    void framesSplitAtOddBoundariesDecodeWhole() throws IOException {
        FrameReader reader = new FrameReader(new TrickleInputStream(brokerFrames(), 7));
        assertFrames(reader);
    }

    private static void assertFrames(FrameReader reader) throws IOException {
        assertTrue(reader.read().isHeartbeat());

        Frame message = reader.read();
        assertEquals(FrameType.MESSAGE, message.type());
        Message decoded = Message.decode(message.data(), null);
        assertEquals(3, decoded.attempts());
        assertEquals(MessageId.toString(0xabcdefL), decoded.id());
        assertEquals("hello", decoded.bodyAsString());
        assertEquals(1_700_000_000L, decoded.timestamp().getEpochSecond());

        Frame error = reader.read();
        assertEquals(FrameType.ERROR, error.type());
        NsqErrorException e = NsqErrorException.fromFrame(error.text());
        assertEquals("E_BAD_TOPIC", e.code());
        assertEquals("PUB topic name \"a b\" is not valid", e.description());

        assertThrows(EOFException.class, reader::read);
    }

    @Test
    void streamEndingInsideAFrameIsAnError() {
        byte[] all = brokerFrames();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(all, 20)));
        assertThrows(EOFException.class, () -> {
            reader.read();
            reader.read();
        });
    }

    @Test
    void absurdFrameSizeIsRejected() {
        byte[] bogus = {0x7f, 0, 0, 0, 0, 0, 0, 0};
        assertThrows(IOException.class, () -> new FrameReader(new ByteArrayInputStream(bogus)).read());
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network would. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;

        TrickleInputStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
