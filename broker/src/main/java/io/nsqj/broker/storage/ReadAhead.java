package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A window of one segment file read in a single call and handed out record by record: a backlog on disk is
 * read with one read per window instead of two per record. Only bytes below the limit the caller gives are
 * ever read, so records written later never meet stale bytes here; the owner calls {@link #forget()} when a
 * segment is cut back. Owned by its disk queue's thread.
 */
final class ReadAhead {
    static final int WINDOW_BYTES = 64 * 1024;

    private ByteBuffer window;
    private long fileNum = -1;
    /** File position of the window's first byte. */
    private long start;

    /**
     * The record at {@code position} of segment {@code fileNum}, trusting no byte at or beyond {@code limit}:
     * the same answers and corruption reports as {@link RecordFormat#read}.
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
        ByteBuffer w = cover(channel, fileNum, position, RecordFormat.HEADER_BYTES, limit);
        int at = (int) (position - start);
        int length = w.getInt(at);
        long expectedChecksum = Integer.toUnsignedLong(w.getInt(at + 4));
        if (length <= 0 || length > maxRecordSize) {
            throw new CorruptRecordException("record length " + length + " out of range 1.." + maxRecordSize);
        }
        if (length > available - RecordFormat.HEADER_BYTES) {
            throw new CorruptRecordException("truncated record (needs " + length + " bytes, "
                    + (available - RecordFormat.HEADER_BYTES) + " present)");
        }
        if (RecordFormat.HEADER_BYTES + length > WINDOW_BYTES) {
            return RecordFormat.read(channel, position, limit, maxRecordSize);
        }
        w = cover(channel, fileNum, position, RecordFormat.HEADER_BYTES + length, limit);
        byte[] payload = new byte[length];
        w.get((int) (position - start) + RecordFormat.HEADER_BYTES, payload);
        if (RecordFormat.checksum(payload) != expectedChecksum) {
            throw new CorruptRecordException("checksum mismatch");
        }
        return new StoredRecord(payload, position + RecordFormat.HEADER_BYTES + length);
    }

    /** The segment's bytes may have changed (cut back after corruption, or the queue emptied). */
    void forget() {
        fileNum = -1;
    }

    /** The window, holding at least {@code [position, position + length)}; read again from there if not. */
    private ByteBuffer cover(FileChannel channel, long fileNum, long position, int length, long limit)
            throws IOException {
        ByteBuffer w = window;
        if (w != null && this.fileNum == fileNum && position >= start && position + length <= start + w.limit()) {
            return w;
        }
        if (w == null) {
            w = window = ByteBuffer.allocate(WINDOW_BYTES);
        }
        this.fileNum = -1;
        w.clear().limit((int) Math.min(WINDOW_BYTES, limit - position));
        while (w.hasRemaining()) {
            if (channel.read(w, position + w.position()) < 0) {
                break;
            }
        }
        w.flip();
        if (w.limit() < length) {
            throw new CorruptRecordException("file ends inside a record");
        }
        this.fileNum = fileNum;
        this.start = position;
        return w;
    }
}
