package io.nsqj.protocol;

/**
 * NSQ message ids: 16 ASCII hex characters encoding a 64-bit id (time, node, sequence), as nsqd's guid.
 */
public final class MessageId {
    public static final int LENGTH = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private MessageId() {
    }

    public static byte[] toBytes(long id) {
        byte[] out = new byte[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = HEX[(int) (id & 0xF)];
            id >>>= 4;
        }
        return out;
    }

    /** Writes the id's 16 characters, as {@link #toBytes}, without an array per id (once per delivery). */
    public static void write(io.netty.buffer.ByteBuf out, long id) {
        out.writeLong(hexOf((int) (id >>> 32)));
        out.writeLong(hexOf((int) id));
    }

    /** Eight hex characters of 32 bits, packed big-endian into a long. */
    private static long hexOf(int bits) {
        long chars = 0;
        for (int shift = 28; shift >= 0; shift -= 4) {
            chars = (chars << 8) | HEX[(bits >>> shift) & 0xF];
        }
        return chars;
    }

    /**
     * Parses an id as sent in FIN/REQ/TOUCH; returns -1 when it is not 16 lower-case hex characters. nsqd keys
     * its in-flight map by the 16 bytes as sent (nsqd/protocol_v2.go getMessageID, channel.go inFlightMessages)
     * and writes ids in lower case, so any other spelling of an id, upper case included, is never in flight.
     * -1 is never an id: ids count milliseconds from 2010 in their top bits, which stay clear until 2079.
     */
    public static long parse(byte[] src, int offset, int length) {
        return length == LENGTH ? parse(java.nio.ByteBuffer.wrap(src), offset) : -1;
    }

    /** {@link #parse(byte[], int, int)} of the 16 bytes at {@code offset} of a buffer (its position untouched). */
    public static long parse(java.nio.ByteBuffer src, int offset) {
        java.nio.ByteOrder order = src.order();
        long first = src.getLong(offset);
        long second = src.getLong(offset + 8);
        if (order != java.nio.ByteOrder.BIG_ENDIAN) {
            first = Long.reverseBytes(first);
            second = Long.reverseBytes(second);
        }
        return idOf(first, second);
    }

    /**
     * {@link #parse(byte[], int, int)} of the 16 bytes at {@code offset} of a Netty buffer (indexes untouched),
     * read as two longs: a FIN's id, straight from the socket's buffer.
     */
    public static long parse(io.netty.buffer.ByteBuf src, int offset) {
        return idOf(src.getLong(offset), src.getLong(offset + 8));
    }

    private static long idOf(long firstChars, long secondChars) {
        long high = bitsOf(firstChars);
        long low = bitsOf(secondChars);
        return high < 0 || low < 0 ? -1 : (high << 32) | low;
    }

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_NIBBLES = 0x0f0f0f0f0f0f0f0fL;

    /**
     * {@link #hexOf} undone: the 32 bits of eight lower-case hex characters packed big-endian, or -1. All eight
     * at once, a byte per lane (once per FIN and per message read back from disk).
     */
    private static long bitsOf(long chars) {
        if ((chars & HIGH_BITS) != 0) {
            return -1;
        }
        // a lane's top bit is set where its byte is at least c: adding 0x80 - c carries no lane into the next
        long digits = atLeast(chars, '0') & ~atLeast(chars, '9' + 1);
        long letters = atLeast(chars, 'a') & ~atLeast(chars, 'f' + 1);
        if ((digits | letters) != HIGH_BITS) {
            return -1;
        }
        long nibbles = (chars & LOW_NIBBLES) + (letters >>> 7) * 9;
        // gather the eight nibbles, first character highest: pairs into bytes, bytes into shorts, into an int
        nibbles = (nibbles | (nibbles >>> 4)) & 0x00ff00ff00ff00ffL;
        nibbles = (nibbles | (nibbles >>> 8)) & 0x0000ffff0000ffffL;
        return (nibbles | (nibbles >>> 16)) & 0xffffffffL;
    }

    private static long atLeast(long chars, int c) {
        return (chars + (0x80 - c) * 0x0101010101010101L) & HIGH_BITS;
    }

    public static String toString(long id) {
        return new String(toBytes(id), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
