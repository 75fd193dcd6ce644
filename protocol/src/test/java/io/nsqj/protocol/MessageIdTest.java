package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageIdTest {

    private static long parse(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.ISO_8859_1);
        return MessageId.parse(bytes, 0, bytes.length);
    }

    @Test
    void idsAreWrittenAsSixteenLowerCaseHexCharacters() {
        assertEquals("0dbc9ffa2ac00000", MessageId.toString(0x0dbc9ffa2ac00000L));
        assertEquals(0x0dbc9ffa2ac00000L, parse("0dbc9ffa2ac00000"));
    }

    @Test
    void idsWrittenIntoABufferAreTheSameCharacters() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long[] ids = {0, -1, Long.MIN_VALUE, 0x0dbc9ffa2ac00000L, 0x00000000ffffffffL, random.nextLong(), random.nextLong()};
        for (long id : ids) {
            io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
            MessageId.write(out, id);
            assertEquals(MessageId.toString(id), out.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void idsReadFromANettyBufferAreTheIdsWrittenThere() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long[] ids = {0, 0x0dbc9ffa2ac00000L, 0x7fffffffffffffffL, 0x00000000ffffffffL, 0xffffffff00000000L >>> 1,
                random.nextLong() >>> 1, random.nextLong() >>> 1};
        for (long id : ids) {
            io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.buffer();
            in.writeBytes("FIN ".getBytes(StandardCharsets.US_ASCII));
            MessageId.write(in, id);
            assertEquals(id, MessageId.parse(in, 4), MessageId.toString(id));
            assertEquals(0, in.readerIndex());
        }
        for (String other : new String[]{"0DBC9FFA2AC00000", "0dbc9ffa2aC00000", "0dbc9ffa2ag00000", "0dbc9ffa 2ac0000"}) {
            io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.copiedBuffer(other, StandardCharsets.ISO_8859_1);
            assertEquals(-1, MessageId.parse(in, 0), other);
        }
    }

    @Test
    void aMessageFrameWrittenIntoABufferIsTheOneAppended() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        io.vertx.core.buffer.Buffer appended = io.vertx.core.buffer.Buffer.buffer();
        Frames.appendMessage(appended, 1_700_000_000_000_000_000L, 3, MessageId.toBytes(0xabcdefL), body);
        io.netty.buffer.ByteBuf written = io.netty.buffer.Unpooled.buffer();
        Frames.writeMessage(written, 1_700_000_000_000_000_000L, 3, 0xabcdefL, body);
        assertEquals(java.util.HexFormat.of().formatHex(appended.getBytes()),
                io.netty.buffer.ByteBufUtil.hexDump(written));
    }

    @Test
    void anyOtherSpellingIsNoId() {
        assertEquals(-1, parse("0DBC9FFA2AC00000"), "upper case");
        assertEquals(-1, parse("0dbc9ffa2aC00000"), "one upper-case letter");
        assertEquals(-1, parse("0dbc9ffa2ag00000"));
        assertEquals(-1, parse("0dbc9ffa2ac0000"), "15 characters");
        assertEquals(-1, parse("0dbc9ffa2ac0000\u00e9"));
    }

    @Test
    void everyByteInEveryPlaceParsesAsTheCharacterByCharacterReading() {
        byte[] id = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(16);
        java.nio.ByteBuffer little = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int place = 0; place < 16; place++) {
            for (int value = 0; value < 256; value++) {
                byte[] candidate = id.clone();
                candidate[place] = (byte) value;
                long expected = readCharByChar(candidate);
                io.netty.buffer.ByteBuf netty = io.netty.buffer.Unpooled.wrappedBuffer(candidate);
                String what = "byte " + value + " at " + place;
                assertEquals(expected, MessageId.parse(candidate, 0, 16), what);
                assertEquals(expected, MessageId.parse(netty, 0), what);
                assertEquals(expected, MessageId.parse(big.clear().put(candidate), 0), what);
                assertEquals(expected, MessageId.parse(little.clear().put(candidate), 0), what);
            }
        }
        assertEquals(0x0123456789abcdefL, MessageId.parse(java.nio.ByteBuffer.wrap(id), 0));
    }

    /** The reading nsqd's ids call for, a character at a time: -1 unless all 16 are lower-case hex. */
    private static long readCharByChar(byte[] id) {
        long value = 0;
        for (byte c : id) {
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
