package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/** On-disk layout of one record: 4-byte big-endian payload length, 4-byte CRC32 of the payload, payload. */
final class RecordFormat {

    static final int HEADER_BYTES = 8;

    private RecordFormat() {
    }

    static ByteBuffer encode(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        encode(record, payload);
        return record.flip();
    }

    /** Appends the record to {@code out}, which must have room for it. */
    static void encode(ByteBuffer out, byte[] payload) {
        out.putInt(payload.length);
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
        int length = header.getInt();
        long expectedChecksum = Integer.toUnsignedLong(header.getInt());
        if (length <= 0 || length > maxRecordSize) {
            throw new CorruptRecordException("record length " + length + " out of range 1.." + maxRecordSize);
        }
        if (length > available - HEADER_BYTES) {
            throw new CorruptRecordException("truncated record (needs " + length + " bytes, "
                    + (available - HEADER_BYTES) + " present)");
        }
        byte[] payload = readFully(channel, position + HEADER_BYTES, length).array();
        if (checksum(payload) != expectedChecksum) {
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

    static long checksum(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return crc.getValue();
    }
}
