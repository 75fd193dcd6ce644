package io.nsqj.broker.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * A FIFO of byte[] records kept in numbered segment files next to a small metadata file, like nsqd's
 * go-diskqueue, with a checksum per record ({@link RecordFormat}) so that torn or damaged records are detected
 * instead of delivered.
 *
 * <p>Single owner: one thread calls every method; only the {@link Runnable} returned by {@link #prepareSync()}
 * may run on another thread.
 */
public final class DiskQueue implements Closeable {

    private static final System.Logger LOG = System.getLogger(DiskQueue.class.getName());
    /** Held puts written in one call; a record larger than this is written on its own. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final long maxBytesPerFile;
    private final int maxRecordSize;
    private final long syncEvery;
    private final QueueFiles files;
    private final QueueMetadataFile metadataFile;
    private final QueueRecovery recovery;
    private final SegmentReader reader = new SegmentReader();

    private long depth;
    /** File bytes, record headers included, from the read position to the write position. */
    private long unreadBytes;
    private long readFileNum;
    private long readPos;
    private long writeFileNum;
    private long writePos;
    private FileChannel writeChannel;
    private FileChannel readChannel;
    /** Size of the segment being read once the writer has left it (it no longer changes); -1 until asked. */
    private long finishedReadSegmentSize = -1;
    private StoredRecord peeked;
    private long putsSinceSync;
    /** Unreleased pins first to last, in read order; released ones leave from the front. */
    private final ArrayDeque<ReadPin> pins = new ArrayDeque<>();
    private long polledTotal;
    private long lastPolledFileNum;
    private long lastPolledPos;
    /** The oldest segment still on disk: fully read segments stay while a pin points into them. */
    private long firstKeptFileNum;
    private long syncGeneration;
    private boolean closed;
    /**
     * Records put but not yet written, encoded back to back: while writes are held ({@link #holdWrites}) a
     * batch of puts reaches the file in one write. Null until first needed.
     */
    private ByteBuffer writeBuffer;
    private int bufferedRecords;
    /** The file's length as written; {@link #writePos} also counts the buffered records. */
    private long writtenPos;
    private boolean holdingWrites;

    /**
     * Opens the queue {@code name} in {@code dataDir}, creating it when absent and otherwise continuing where it
     * stopped; after a crash the segment files are scanned so that every intact record written is kept.
     */
    public DiskQueue(Path dataDir, String name, long maxBytesPerFile, int maxRecordSize, long syncEvery)
            throws IOException {
        this(dataDir, name, maxBytesPerFile, maxRecordSize, syncEvery, SegmentDeleter.atOnce());
    }

    /** As above; fully read segments are removed through {@code deleter}. */
    public DiskQueue(Path dataDir, String name, long maxBytesPerFile, int maxRecordSize, long syncEvery,
                     SegmentDeleter deleter) throws IOException {
        if (maxBytesPerFile <= 0 || maxRecordSize <= 0 || syncEvery <= 0) {
            throw new IllegalArgumentException("maxBytesPerFile, maxRecordSize and syncEvery must be positive");
        }
        this.name = name;
        this.maxBytesPerFile = maxBytesPerFile;
        this.maxRecordSize = maxRecordSize;
        this.syncEvery = syncEvery;
        Files.createDirectories(dataDir);
        this.files = new QueueFiles(dataDir, name, deleter);
        this.metadataFile = new QueueMetadataFile(files.metadata());
        this.recovery = new QueueRecovery(files, name, maxRecordSize);

        QueueState recovered = recovery.recover(metadataFile.read());
        depth = recovered.depth();
        readFileNum = recovered.readFileNum();
        readPos = recovered.readPos();
        writeFileNum = recovered.writeFileNum();
        writePos = recovered.writePos();
        writtenPos = writePos;
        firstKeptFileNum = readFileNum;
        unreadBytes = bytesBetween(readFileNum, readPos, writeFileNum, writePos);
        writeChannel = FileChannel.open(files.segment(writeFileNum),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // Persisting the recovered state spares the next crash recovery from repeating this scan.
            sync();
        } catch (IOException e) {
            writeChannel.close();
            throw e;
        }
    }

    /**
     * Whether a queue of that name left files in {@code dataDir}. Its metadata file tells, without listing the
     * directory: a queue writes it when opened, before any record.
     */
    public static boolean exists(Path dataDir, String name) {
        return Files.exists(new QueueFiles(dataDir, name).metadata());
    }

    /**
     * Appends a record; while writes are held it waits in memory until {@link #releaseWrites()}.
     *
     * @throws IllegalArgumentException when the payload is empty or larger than maxRecordSize
     * @throws IOException when the disk write fails; the record (with those held before it) is then not stored and
     *         the queue stays usable
     */
    public void put(byte[] payload) throws IOException {
        ensureOpen();
        if (payload.length == 0 || payload.length > maxRecordSize) {
            throw new IllegalArgumentException(
                    "payload of " + payload.length + " bytes outside 1.." + maxRecordSize + " for disk queue " + name);
        }
        int recordBytes = RecordFormat.HEADER_BYTES + payload.length;
        if (writePos > 0 && writePos + recordBytes > maxBytesPerFile) {
            writeBuffered();
            rollWriteSegment();
        }
        if (!holdingWrites || recordBytes > WRITE_BUFFER_BYTES) {
            writeBuffered();
            ByteBuffer record = RecordFormat.encode(payload);
            FileChannel channel = usableWriteChannel();
            try {
                while (record.hasRemaining()) {
                    channel.write(record, writePos + record.position());
                }
            } catch (IOException e) {
                discardPartialRecord(channel, e);
                throw e;
            }
            counted(recordBytes);
            writtenPos = writePos;
            return;
        }
        if (writeBuffer == null) {
            writeBuffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        } else if (writeBuffer.remaining() < recordBytes) {
            writeBuffered();
        }
        RecordFormat.encode(writeBuffer, payload);
        counted(recordBytes);
        bufferedRecords++;
    }

    private void counted(int recordBytes) {
        writePos += recordBytes;
        unreadBytes += recordBytes;
        depth++;
        putsSinceSync++;
    }

    /**
     * Until {@link #releaseWrites()}, puts collect in memory and reach the file together: for a publish of many
     * messages, acknowledged only after the release, so that an acknowledged message is in the file as before.
     * Reads meanwhile see only what was written; a sync covers only that too.
     */
    public void holdWrites() {
        holdingWrites = true;
    }

    /**
     * Writes what was put since {@link #holdWrites()}. When the write fails, none of those records is stored
     * (the queue is as before them) and the failure is thrown.
     */
    public void releaseWrites() throws IOException {
        holdingWrites = false;
        if (!closed) {
            writeBuffered();
        }
    }

    private void writeBuffered() throws IOException {
        if (bufferedRecords == 0) {
            return;
        }
        ByteBuffer records = writeBuffer.flip();
        FileChannel channel = null;
        try {
            channel = usableWriteChannel();
            while (records.hasRemaining()) {
                channel.write(records, writtenPos + records.position());
            }
        } catch (IOException e) {
            long lostBytes = writePos - writtenPos;
            writePos = writtenPos;
            unreadBytes -= lostBytes;
            depth -= bufferedRecords;
            putsSinceSync = Math.max(0, putsSinceSync - bufferedRecords);
            dropBuffered();
            if (channel != null) {
                discardPartialRecord(channel, e);
            }
            throw e;
        }
        dropBuffered();
        writtenPos = writePos;
    }

    private void dropBuffered() {
        if (writeBuffer != null) {
            writeBuffer.clear();
        }
        bufferedRecords = 0;
    }

    /** The next record without consuming it, or null when the queue is empty. */
    public byte[] peek() {
        ensureOpen();
        StoredRecord next = nextRecord();
        return next == null ? null : next.payload();
    }

    /** The next record, decoded where it lies, without consuming it; null when the queue is empty. */
    public <T> T peek(RecordDecoder<T> decoder) {
        ensureOpen();
        StoredRecord next = nextRecord();
        return next == null ? null : decoder.decode(next.buffer(), next.offset(), next.length());
    }

    /** Consumes the next record, or returns null when the queue is empty. */
    public byte[] poll() {
        ensureOpen();
        StoredRecord next = nextRecord();
        if (next == null) {
            return null;
        }
        byte[] payload = next.payload();
        consume(next);
        return payload;
    }

    /** Consumes the next record unread (its reader has it already, from {@link #peek}); false when empty. */
    public boolean skip() {
        ensureOpen();
        StoredRecord next = nextRecord();
        if (next == null) {
            return false;
        }
        consume(next);
        return true;
    }

    private void consume(StoredRecord next) {
        peeked = null;
        lastPolledFileNum = readFileNum;
        lastPolledPos = readPos;
        polledTotal++;
        unreadBytes -= next.nextPosition() - readPos;
        readPos = next.nextPosition();
        if (--depth == 0) {
            reader.release();
        }
    }

    /**
     * Keeps the stored read position at the record the last {@link #poll()} returned until {@link #unpin}: for
     * a record its reader could not yet make durable elsewhere. Pins must be taken in read order.
     */
    public ReadPin pinLastPolled() {
        ensureOpen();
        if (polledTotal == 0) {
            throw new IllegalStateException("Disk queue " + name + ": nothing polled to pin");
        }
        ReadPin pin = new ReadPin(lastPolledFileNum, lastPolledPos, polledTotal - 1);
        pins.add(pin);
        return pin;
    }

    /** The record is safe elsewhere (or gone for good): the stored read position may move past it. */
    public void unpin(ReadPin pin) {
        pin.released = true;
        while (!pins.isEmpty() && pins.peek().released) {
            pins.poll();
        }
        if (!closed) {
            deleteUnpinnedSegments();
        }
    }

    /** Records not yet read. */
    public long depth() {
        return depth;
    }

    /**
     * Bytes the segment files hold between the read and the write position, record headers included; kept up to
     * date by every move of either position, so that asking costs no file access.
     */
    public long unreadBytes() {
        return unreadBytes;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Whether syncEvery records were put since the last sync was prepared. */
    public boolean syncDue() {
        return putsSinceSync >= syncEvery;
    }

    /**
     * Captures the current positions; the returned task, runnable on any thread while the owner goes on using
     * the queue, makes the data written so far durable and then atomically stores those positions.
     * It throws {@link UncheckedIOException} when that fails, including when its thread is interrupted.
     */
    public QueueSync prepareSync() {
        return prepareQueueSync(true);
    }

    /** Makes everything written durable and stores the current positions, on the calling thread. */
    public void sync() throws IOException {
        writeBuffered();
        prepareQueueSync(false).runChecked();
    }

    /** Drops every record and segment; the queue stays open with depth 0. */
    public void empty() throws IOException {
        ensureOpen();
        dropBuffered();
        FileChannel fresh = openFreshSegment(writeFileNum + 1);
        FileChannel previousReader = readChannel;
        FileChannel previousWriter = writeChannel;
        writeChannel = fresh;
        readChannel = null;
        finishedReadSegmentSize = -1;
        peeked = null;
        reader.release();
        writeFileNum++;
        writePos = 0;
        writtenPos = 0;
        readFileNum = writeFileNum;
        readPos = 0;
        depth = 0;
        unreadBytes = 0;
        releaseAllPins();
        firstKeptFileNum = writeFileNum;
        close(previousReader, previousWriter);
        files.deleteSegmentsBefore(writeFileNum);
        sync();
    }

    /** Syncs and closes the files; a queue opened later on the same files continues from here. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            sync();
        } finally {
            shutDown();
        }
    }

    /** Closes the queue without syncing and removes every file it owns. */
    public void deleteFiles() throws IOException {
        dropBuffered();
        if (!closed) {
            shutDown();
        }
        files.deleteAll();
    }

    /**
     * @param appendsMayStayUnrecorded whether the metadata may keep its older write position when nothing but
     *                                 appends to the same segment happened since it was stored (a round's
     *                                 fsync; not a close, after which a restart would scan those records)
     */
    private QueueSync prepareQueueSync(boolean appendsMayStayUnrecorded) {
        ensureOpen();
        // records still in the write buffer are not in the file yet: the next sync covers them
        putsSinceSync = bufferedRecords;
        long writtenDepth = depth - bufferedRecords;
        ReadPin oldest = pins.peek();
        QueueState snapshot = oldest == null
                ? new QueueState(writtenDepth, readFileNum, readPos, writeFileNum, writtenPos)
                : new QueueState(writtenDepth + polledTotal - oldest.polledBefore, oldest.fileNum, oldest.position,
                        writeFileNum, writtenPos);
        return new QueueSync(writeChannel, files.segment(writeFileNum), metadataFile, ++syncGeneration, snapshot,
                appendsMayStayUnrecorded);
    }

    private void rollWriteSegment() throws IOException {
        FileChannel next = openFreshSegment(writeFileNum + 1);
        try {
            // Later syncs force only the segment being written, yet their metadata vouches for this one too.
            usableWriteChannel().force(false);
        } catch (IOException e) {
            next.close();
            throw e;
        }
        FileChannel finished = writeChannel;
        writeChannel = next;
        writeFileNum++;
        writePos = 0;
        writtenPos = 0;
        finished.close();
    }

    private void discardPartialRecord(FileChannel channel, IOException writeFailure) {
        // Later puts overwrite from writePos anyway; truncating keeps crash recovery from meeting the fragment.
        try {
            channel.truncate(writePos);
        } catch (IOException truncateFailure) {
            writeFailure.addSuppressed(truncateFailure);
        }
    }

    private StoredRecord nextRecord() {
        if (peeked != null) {
            return peeked;
        }
        StoredRecord buffered = reader.buffered(readFileNum, readPos, maxRecordSize);
        if (buffered != null) {
            peeked = buffered;
            return buffered;
        }
        return readRecord();
    }

    /** {@link #nextRecord()} when the reader's buffer does not hold it: a read, the segment's end, damage. */
    private StoredRecord readRecord() {
        try {
            while (true) {
                releaseFinishedSegments();
                try {
                    peeked = reader.read(currentReadChannel(), readFileNum, readPos, readLimit(), maxRecordSize);
                    return peeked;
                } catch (CorruptRecordException e) {
                    dropCorruptRecords(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Disk queue " + name + ": cannot read " + files.segment(readFileNum), e);
        }
    }

    private void releaseFinishedSegments() throws IOException {
        while (readFileNum < writeFileNum && readPos >= finishedReadSegmentSize()) {
            moveToNextReadSegment();
        }
    }

    private void moveToNextReadSegment() throws IOException {
        readChannel.close();
        readChannel = null;
        finishedReadSegmentSize = -1;
        readFileNum++;
        readPos = 0;
        deleteUnpinnedSegments();
    }

    /** Deletes the fully read segments that no pin points into. */
    private void deleteUnpinnedSegments() {
        long keepFrom = pins.isEmpty() ? readFileNum : pins.peek().fileNum;
        for (; firstKeptFileNum < keepFrom; firstKeptFileNum++) {
            try {
                files.deleteSegment(firstKeptFileNum);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Disk queue {0}: cannot delete fully read segment {1}: {2}", name,
                        files.segment(firstKeptFileNum), e);
            }
        }
    }

    private void releaseAllPins() {
        for (ReadPin pin : pins) {
            pin.released = true;
        }
        pins.clear();
    }

    private void dropCorruptRecords(CorruptRecordException corruption) throws IOException {
        reader.invalidate();
        Path segment = files.segment(readFileNum);
        long position = readPos;
        if (readFileNum == writeFileNum) {
            long droppedBytes = writePos - readPos;
            long droppedRecords = depth;
            dropBuffered();
            writePos = readPos;
            writtenPos = writePos;
            depth = 0;
            unreadBytes = 0;
            LOG.log(Level.WARNING, "Disk queue {0}: {1} at position {2} of {3}: truncating its last {4} bytes "
                    + "({5} records)", name, corruption.getMessage(), position, segment, droppedBytes, droppedRecords);
            usableWriteChannel().truncate(writePos);
        } else {
            long droppedBytes = currentReadChannel().size() - readPos;
            unreadBytes -= droppedBytes;
            moveToNextReadSegment();
            long remaining = recovery.countRecords(readFileNum, readPos, writeFileNum, writtenPos)
                    + bufferedRecords;
            LOG.log(Level.WARNING, "Disk queue {0}: {1} at position {2} of {3}: skipping its last {4} bytes "
                    + "({5} records)", name, corruption.getMessage(), position, segment, droppedBytes,
                    depth - remaining);
            depth = remaining;
        }
    }

    private long bytesBetween(long fromFileNum, long fromPos, long toFileNum, long toPos) throws IOException {
        long bytes = 0;
        for (long fileNum = fromFileNum; fileNum <= toFileNum; fileNum++) {
            Path segment = files.segment(fileNum);
            long end = fileNum == toFileNum ? toPos : Files.exists(segment) ? Files.size(segment) : 0;
            bytes += Math.max(0, end - (fileNum == fromFileNum ? fromPos : 0));
        }
        return bytes;
    }

    /** A sync interrupted on another thread closes the shared channel; reopening keeps the queue writable. */
    private FileChannel usableWriteChannel() throws IOException {
        if (!writeChannel.isOpen()) {
            writeChannel = FileChannel.open(files.segment(writeFileNum), StandardOpenOption.WRITE);
        }
        return writeChannel;
    }

    private FileChannel currentReadChannel() throws IOException {
        if (readChannel == null) {
            readChannel = FileChannel.open(files.segment(readFileNum), StandardOpenOption.READ);
        }
        return readChannel;
    }

    private long readLimit() throws IOException {
        // the write segment is read up to what reached the file, not what a publish still holds back
        return readFileNum == writeFileNum ? writtenPos : finishedReadSegmentSize();
    }

    /** Asked per record while a backlog is read: the size is taken once, not a system call each time. */
    private long finishedReadSegmentSize() throws IOException {
        if (finishedReadSegmentSize < 0) {
            finishedReadSegmentSize = currentReadChannel().size();
        }
        return finishedReadSegmentSize;
    }

    private FileChannel openFreshSegment(long fileNum) throws IOException {
        return FileChannel.open(files.segment(fileNum),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void shutDown() throws IOException {
        closed = true;
        reader.release();
        metadataFile.retire();
        close(readChannel, writeChannel);
        readChannel = null;
        finishedReadSegmentSize = -1;
    }

    private static void close(FileChannel reader, FileChannel writer) throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            writer.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Disk queue " + name + " is closed");
        }
    }
}
