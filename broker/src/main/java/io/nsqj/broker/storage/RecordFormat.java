package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * On-disk layout of one record: a 4-byte big-endian word, 4 bytes of checksum of the payload, the payload.
 * The word's low 31 bits are the payload's length; its top bit tells the checksum: set, CRC32C, which this
 * version writes (the processor's crc32 instruction makes it twice as fast as CRC32 when a backlog is read
 * back); clear, CRC32, as earlier versions wrote, so their queues read on. Earlier versions cannot read the
 * records this one writes: they find the length out of range and skip the segment's rest.
 */
final class RecordFormat {

    static final int HEADER_BYTES = 8;
    private static final int CRC32C_FLAG = 0x8000_0000;

    private RecordFormat() {
    }

    static ByteBuffer encode(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        encode(record, payload);
        return record.flip();
    }

    /** Appends the record to {@code out}, which must have room for it. */
    static void encode(ByteBuffer out, byte[] payload) {
        out.putInt(payload.length | CRC32C_FLAG);
        out.putInt((int) checksum(payload));
        out.put(payload);
    }

    /**
     * Reads the record at {@code position}, trusting no byte at or beyond {@code limit}.
     *
     * @return the record, or null when {@code position} is at the limit
     * @throws CorruptRecordException when the bytes there are not a complete, intact record
     */
    static StoredRecord read(FileChannel channel, long position, long limit, int maxRecordSize) throws IOException {
        if (position >= limit) {
            return null;
        }
        long available = limit - position;
        if (available < HEADER_BYTES) {
            throw new CorruptRecordException("truncated header (" + available + " bytes)");
        }
        ByteBuffer header = readFully(channel, position, HEADER_BYTES);
        int word = header.getInt();
        int length = payloadLength(word);
        long expectedChecksum = Integer.toUnsignedLong(header.getInt());
        if (length <= 0 || length > maxRecordSize) {
            throw new CorruptRecordException("record length " + length + " out of range 1.." + maxRecordSize);
        }
        if (length > available - HEADER_BYTES) {
            throw new CorruptRecordException("truncated record (needs " + length + " bytes, "
                    + (available - HEADER_BYTES) + " present)");
        }
        byte[] payload = readFully(channel, position + HEADER_BYTES, length).array();
        Checksum checksum = checksumOf(word);
        checksum.update(payload);
        if (checksum.getValue() != expectedChecksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        return new StoredRecord(ByteBuffer.wrap(payload), 0, length, position + HEADER_BYTES + length);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CorruptRecordException("file ends inside a record");
            }
        }
        return buffer.flip();
    }

    /** The payload length a record's first word gives. */
    static int payloadLength(int word) {
        return word & ~CRC32C_FLAG;
    }

    /** Whether a record's first word says its checksum is CRC32C (else CRC32). */
    static boolean isCrc32c(int word) {
        return (word & CRC32C_FLAG) != 0;
    }

    /** The checksum this version writes. */
    static long checksum(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return crc.getValue();
    }

    private static Checksum checksumOf(int word) {
        return isCrc32c(word) ? new CRC32C() : new CRC32();
    }
}
