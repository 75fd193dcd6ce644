package io.nsqj.broker.storage;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The messages a channel holds outside its queue (in flight or deferred), as an append-only log of
 * "holds message X until T" and "no longer holds X" records in the disk queue's CRC32 record format.
 * Replaying it after a crash gives back every message that was held, with its due time.
 *
 * <p>The log is compacted when it has grown to twice its size after the previous compaction: the live records
 * go to a new file that replaces the old one only once it is durable.
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

    public PendingLog(Path dataDir, String name, int maxMessageSize) throws IOException {
        Files.createDirectories(dataDir);
        this.file = dataDir.resolve(name + ".pending.dat");
        this.compacted = dataDir.resolve(name + ".pending.tmp");
        this.maxRecordSize = ENTRY_HEADER + maxMessageSize;
        Files.deleteIfExists(compacted);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.recovered = replay();
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
        if (writePos < compactAt) {
            return () -> forceQuietly(toForce);
        }
        FileChannel fresh = FileChannel.open(compacted, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long oldSize = writePos;
        channel = fresh;
        writePos = 0;
        for (Entry e : live.get()) {
            hold(e.id(), e.dueMillis(), e.message());
        }
        compactAt = Math.max(MIN_COMPACT_BYTES, 2 * writePos);
        LOG.log(Level.DEBUG, "pending log {0}: compacting {1} bytes to {2}", file, oldSize, writePos);
        return () -> {
            forceQuietly(fresh);
            try {
                Files.move(compacted, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.forceDirectory(file.getParent());
                toForce.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Forgets every entry: after the channel was emptied. */
    public void clear() throws IOException {
        channel.truncate(0);
        channel.force(false);
        writePos = 0;
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }

    public void deleteFile() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(compacted);
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

    private List<Entry> replay() throws IOException {
        Map<Long, Entry> held = new LinkedHashMap<>();
        long size = channel.size();
        long position = 0;
        try {
            StoredRecord record;
            while ((record = RecordFormat.read(channel, position, size, maxRecordSize)) != null) {
                apply(record.payload(), held);
                position = record.nextPosition();
            }
        } catch (CorruptRecordException e) {
            LOG.log(Level.WARNING, "pending log {0}: {1} at position {2}: dropping the last {3} bytes",
                    file, e.getMessage(), position, size - position);
            channel.truncate(position);
        }
        writePos = position;
        return new ArrayList<>(held.values());
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
