package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Reads a disk queue's records through a buffer holding many of them: a backlog read back costs one read
 * call per buffer instead of two per record. Only bytes before the queue's write position are buffered, and
 * those never change while the buffer is valid ({@link #invalidate()} after truncating). The buffer is taken
 * at the first read from disk and dropped once the reader has caught up, so a queue that is not read from
 * disk holds none.
 * Owned by the disk queue's owner thread.
 */
final class SegmentReader {
    private static final int BUFFER_BYTES = 128 * 1024;

    private final CRC32C crc32c = new CRC32C();
    /** For records written before CRC32C; made at the first such record. */
    private CRC32 crc32;
    private ByteBuffer buffer;
    /** The segment the buffer holds bytes of; -1 when it holds none. */
    private long fileNum = -1;
    /** Position in the segment of the buffer's first byte. */
    private long start;
    private int valid;

    /**
     * Reads the record at {@code position} of segment {@code fileNum}, trusting no byte at or beyond
     * {@code limit}, as {@link RecordFormat} lays it out.
     *
     * @return the record, its payload in this reader's buffer until the next read; null when {@code position}
     *         is at the limit
     * @throws CorruptRecordException when the bytes there are not a complete, intact record
     */
    StoredRecord read(FileChannel channel, long fileNum, long position, long limit, int maxRecordSize)
            throws IOException {
        if (position >= limit) {
            return null;
        }
        long available = limit - position;
        if (available < RecordFormat.HEADER_BYTES) {
            throw new CorruptRecordException("truncated header (" + available + " bytes)");
        }
        fill(channel, fileNum, position, RecordFormat.HEADER_BYTES, limit);
        int at = (int) (position - start);
        int word = buffer.getInt(at);
        int length = RecordFormat.payloadLength(word);
        long expectedChecksum = Integer.toUnsignedLong(buffer.getInt(at + 4));
        if (length <= 0 || length > maxRecordSize) {
            throw new CorruptRecordException("record length " + length + " out of range 1.." + maxRecordSize);
        }
        if (length > available - RecordFormat.HEADER_BYTES) {
            throw new CorruptRecordException("truncated record (needs " + length + " bytes, "
                    + (available - RecordFormat.HEADER_BYTES) + " present)");
        }
        fill(channel, fileNum, position, RecordFormat.HEADER_BYTES + length, limit);
        at = (int) (position - start);
        int payloadAt = at + RecordFormat.HEADER_BYTES;
        if (checksum(word, payloadAt, length) != expectedChecksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        return new StoredRecord(buffer, payloadAt, length, position + RecordFormat.HEADER_BYTES + length);
    }

    /**
     * The record at {@code position} of segment {@code fileNum} when the buffer holds all of it and it is intact;
     * null otherwise, leaving the rest (a read, a segment's end, a damaged record) to {@link #read}. Bytes are
     * buffered only from before the limit of their read, and no limit ever moves back without an
     * {@link #invalidate()}, so a record wholly in the buffer needs no limit here.
     * Kept apart from {@link #read} so that the call made for all but one record in hundreds carries none of
     * the branches taken only at a segment's end: the JIT would compile them as traps, and the first such end
     * would throw the whole delivery path back to the interpreter.
     */
    StoredRecord buffered(long fileNum, long position, int maxRecordSize) {
        if (this.fileNum != fileNum || position < start || position + RecordFormat.HEADER_BYTES > start + valid) {
            return null;
        }
        int at = (int) (position - start);
        int word = buffer.getInt(at);
        int length = RecordFormat.payloadLength(word);
        int payloadAt = at + RecordFormat.HEADER_BYTES;
        if (length <= 0 || length > maxRecordSize || payloadAt + length > valid
                || checksum(word, payloadAt, length) != Integer.toUnsignedLong(buffer.getInt(at + 4))) {
            return null;
        }
        return new StoredRecord(buffer, payloadAt, length, position + RecordFormat.HEADER_BYTES + length);
    }

    private long checksum(int word, int payloadAt, int length) {
        byte[] bytes = buffer.array();
        int from = buffer.arrayOffset() + payloadAt;
        if (RecordFormat.isCrc32c(word)) {
            crc32c.reset();
            crc32c.update(bytes, from, length);
            return crc32c.getValue();
        }
        if (crc32 == null) {
            crc32 = new CRC32();
        }
        crc32.reset();
        crc32.update(bytes, from, length);
        return crc32.getValue();
    }

    /** The bytes read may change (a truncation): forget them. */
    void invalidate() {
        fileNum = -1;
    }

    /** The reader caught up with the writer: the buffer goes until the next read from disk. */
    void release() {
        fileNum = -1;
        buffer = null;
    }

    /** Makes {@code n} bytes from {@code position} on buffered, reading as many more as fit before the limit. */
    private void fill(FileChannel channel, long segment, long position, int n, long limit) throws IOException {
        if (fileNum == segment && position >= start && position + n <= start + valid) {
            return;
        }
        fileNum = -1;
        int capacity = Math.max(BUFFER_BYTES, n);
        if (buffer == null || buffer.capacity() < capacity || buffer.capacity() > Math.max(BUFFER_BYTES, n) * 2L) {
            buffer = ByteBuffer.allocate(capacity);
        }
        buffer.clear().limit((int) Math.min(buffer.capacity(), limit - position));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        if (buffer.position() < n) {
            throw new CorruptRecordException("file ends inside a record");
        }
        valid = buffer.position();
        start = position;
        fileNum = segment;
    }
}
