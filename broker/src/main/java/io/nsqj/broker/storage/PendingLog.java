package io.nsqj.broker.storage;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The messages a channel holds outside its queue (in flight or deferred), as an append-only log of
 * "holds message X until T" and "no longer holds X" records in the disk queue's record format.
 * Replaying it after a crash gives back every message that was held, with its due time.
 *
 * <p>The log is compacted when it has grown to twice its size after the previous compaction: the live records
 * go to a new file, which takes over appending at once and replaces the old file once it is durable. Until
 * that rename is done, whatever keeps it from happening (a failed round, a round never run, a crash), every
 * later sync tries it again and a replay reads the new file after the old one, so records appended to the
 * new file are never lost.
 *
 * <p>Single owner, like {@link DiskQueue}: only the task returned by {@link #prepareSync} runs elsewhere.
 */
public final class PendingLog implements Closeable {
    private static final System.Logger LOG = System.getLogger(PendingLog.class.getName());
    private static final byte HOLD = 1;
    private static final byte RELEASE = 2;
    private static final int ENTRY_HEADER = 1 + 8 + 8;
    private static final long MIN_COMPACT_BYTES = 4L << 20;

    /** A message held at the time of the crash or shutdown, due at {@code dueMillis} (epoch millis). */
    public record Entry(long id, long dueMillis, byte[] message) {
    }

    private final Path file;
    private final Path compacted;
    private final int maxRecordSize;
    private final List<Entry> recovered;
    private FileChannel channel;
    private long writePos;
    private long compactAt;
    /** Guards the hand-over from the old file to the compacted one, which the disk thread may finish. */
    private final Object compaction = new Object();
    /** The file appended to before the compaction still waiting for its rename; null when none waits. */
    private FileChannel retired;
    /** The compacted file of that compaction, appended to now. */
    private FileChannel replacement;

    public PendingLog(Path dataDir, String name, int maxMessageSize) throws IOException {
        Files.createDirectories(dataDir);
        this.file = dataDir.resolve(name + ".pending.dat");
        this.compacted = dataDir.resolve(name + ".pending.tmp");
        this.maxRecordSize = ENTRY_HEADER + maxMessageSize;
        Map<Long, Entry> held = new LinkedHashMap<>();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        writePos = replay(channel, file, held);
        if (Files.exists(compacted)) {
            // a compaction that never got its rename: its records come after the old file's
            try (FileChannel unfinished = FileChannel.open(compacted, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                replay(unfinished, compacted, held);
            }
            LOG.log(Level.WARNING, "pending log {0}: finishing a compaction interrupted by a crash", file);
            channel.close();
            rewrite(held.values());
        }
        this.recovered = new ArrayList<>(held.values());
        this.compactAt = Math.max(MIN_COMPACT_BYTES, 2 * writePos);
    }

    /** The messages held when the log was last written, in the order they were first held. */
    public List<Entry> recovered() {
        return recovered;
    }

    /** Records that the message is held until {@code dueMillis}; a later call for the same id replaces it. */
    public void hold(long id, long dueMillis, byte[] message) throws IOException {
        append(HOLD, id, dueMillis, message);
    }

    /** Records that the message is no longer held (finished, or back in the channel's queue). */
    public void release(long id) throws IOException {
        append(RELEASE, id, 0, new byte[0]);
    }

    /**
     * Captures what was appended so far; the returned task makes it durable. When the log has grown enough,
     * the entries {@code live} supplies (every message held now) are first written to a fresh file, which
     * takes over appending at once and replaces the old file when the task has made it durable.
     */
    public Runnable prepareSync(Supplier<List<Entry>> live) throws IOException {
        FileChannel toForce = channel;
        boolean renameWaiting;
        synchronized (compaction) {
            renameWaiting = retired != null;
        }
        if (renameWaiting || writePos < compactAt) {
            return () -> {
                forceQuietly(toForce);
                if (renameWaiting) {
                    finishCompactionQuietly();
                }
            };
        }
        FileChannel old = channel;
        long oldSize = writePos;
        FileChannel fresh;
        try {
            fresh = startCompactedFile(live.get());
        } catch (IOException e) {
            // the old file still has everything: go on appending there
            if (channel != old) {
                channel.close();
            }
            channel = old;
            writePos = oldSize;
            Files.deleteIfExists(compacted);
            throw e;
        }
        synchronized (compaction) {
            retired = old;
            replacement = fresh;
        }
        compactAt = Math.max(MIN_COMPACT_BYTES, 2 * writePos);
        LOG.log(Level.DEBUG, "pending log {0}: compacting {1} bytes to {2}", file, oldSize, writePos);
        return () -> {
            forceQuietly(fresh);
            finishCompactionQuietly();
        };
    }

    /** Forgets every entry: after the channel was emptied. */
    public void clear() throws IOException {
        finishCompaction();
        channel.truncate(0);
        channel.force(false);
        writePos = 0;
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            finishCompaction();
            channel.close();
        }
    }

    public void deleteFile() throws IOException {
        synchronized (compaction) {
            if (retired != null) {
                retired.close();
                retired = null;
                replacement = null;
            }
        }
        channel.close();
        Files.deleteIfExists(compacted);
        Files.deleteIfExists(file);
    }

    /** The compacted file, once forced, replaces the old one; a no-op when no compaction waits. */
    private void finishCompaction() throws IOException {
        synchronized (compaction) {
            if (retired == null) {
                return;
            }
            replacement.force(false);
            AtomicFiles.replace(compacted, file);
            retired.close();
            retired = null;
            replacement = null;
        }
    }

    private void finishCompactionQuietly() {
        try {
            finishCompaction();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the entries to a fresh file that replaces the log, and appends there from now on. */
    private void rewrite(Iterable<Entry> entries) throws IOException {
        startCompactedFile(entries).force(false);
        AtomicFiles.replace(compacted, file);
    }

    /** Appending goes to a fresh compacted file from now on, starting with a record of each entry. */
    private FileChannel startCompactedFile(Iterable<Entry> entries) throws IOException {
        channel = FileChannel.open(compacted, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        writePos = 0;
        for (Entry e : entries) {
            hold(e.id(), e.dueMillis(), e.message());
        }
        return channel;
    }

    private void append(byte type, long id, long dueMillis, byte[] message) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(ENTRY_HEADER + message.length);
        payload.put(type).putLong(id).putLong(dueMillis).put(message);
        ByteBuffer record = RecordFormat.encode(payload.array());
        try {
            while (record.hasRemaining()) {
                channel.write(record, writePos + record.position());
            }
        } catch (IOException e) {
            // a fragment left behind would end the replay early and hide the records appended after it
            try {
                channel.truncate(writePos);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw e;
        }
        writePos += record.limit();
    }

    /** Applies the file's records to {@code held}; returns where its intact records end (a bad tail is cut). */
    private long replay(FileChannel from, Path path, Map<Long, Entry> held) throws IOException {
        long size = from.size();
        long position = 0;
        try {
            StoredRecord record;
            while ((record = RecordFormat.read(from, position, size, maxRecordSize)) != null) {
                apply(record.payload(), held);
                position = record.nextPosition();
            }
        } catch (CorruptRecordException e) {
            LOG.log(Level.WARNING, "pending log {0}: {1} at position {2}: dropping the last {3} bytes",
                    path, e.getMessage(), position, size - position);
            from.truncate(position);
        }
        return position;
    }
    private void apply(byte[] payload, Map<Long, Entry> held) throws CorruptRecordException {
        if (payload.length < ENTRY_HEADER) {
            throw new CorruptRecordException("pending entry of " + payload.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        byte type = in.get();
        long id = in.getLong();
        long due = in.getLong();
        if (type == HOLD) {
            byte[] message = new byte[in.remaining()];
            in.get(message);
            held.remove(id);
            held.put(id, new Entry(id, due, message));
        } else if (type == RELEASE) {
            held.remove(id);
        } else {
            throw new CorruptRecordException("pending entry of unknown type " + type);
        }
    }

    private static void forceQuietly(FileChannel channel) {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
