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
        if (length != LENGTH) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < LENGTH; i++) {
            int d = lowerHexDigit(src[offset + i]);
            if (d < 0) {
                return -1;
            }
            id = (id << 4) | d;
        }
        return id;
    }

    /** {@link #parse(byte[], int, int)} of the 16 bytes at {@code offset} of a buffer (its position untouched). */
    public static long parse(java.nio.ByteBuffer src, int offset) {
        long id = 0;
        for (int i = 0; i < LENGTH; i++) {
            int d = lowerHexDigit(src.get(offset + i));
            if (d < 0) {
                return -1;
            }
            id = (id << 4) | d;
        }
        return id;
    }

    /**
     * {@link #parse(byte[], int, int)} of the 16 bytes at {@code offset} of a Netty buffer (indexes untouched),
     * read as two longs: a FIN's id, straight from the socket's buffer.
     */
    public static long parse(io.netty.buffer.ByteBuf src, int offset) {
        long high = bitsOf(src.getLong(offset));
        long low = bitsOf(src.getLong(offset + 8));
        return high < 0 || low < 0 ? -1 : (high << 32) | low;
    }

    /** {@link #hexOf} undone: the 32 bits of eight lower-case hex characters packed big-endian, or -1. */
    private static long bitsOf(long chars) {
        long bits = 0;
        for (int shift = 56; shift >= 0; shift -= 8) {
            int d = lowerHexDigit((byte) (chars >>> shift));
            if (d < 0) {
                return -1;
            }
            bits = (bits << 4) | d;
        }
        return bits;
    }

    private static int lowerHexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    public static String toString(long id) {
        return new String(toBytes(id), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
