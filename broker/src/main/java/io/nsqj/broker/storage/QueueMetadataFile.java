package io.nsqj.broker.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The queue's metadata file, in go-diskqueue's text layout:
 * {@code depth\nreadFileNum,readPos\nwriteFileNum,writePos\n}.
 * Writes may come from several threads; each carries the generation of its snapshot so that a slow,
 * older snapshot never overwrites a newer one.
 */
final class QueueMetadataFile {

    private static final System.Logger LOG = System.getLogger(QueueMetadataFile.class.getName());

    private final Path path;
    private long writtenGeneration = -1;
    /** What the file holds, as this process wrote it; null before its first write. */
    private QueueState stored;

    QueueMetadataFile(Path path) {
        this.path = path;
    }

    /** The stored state, or empty when the file is missing or unreadable (the segments are then scanned instead). */
    Optional<QueueState> read() throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            String[] lines = text.strip().split("\n");
            String[] read = lines[1].split(",");
            String[] write = lines[2].split(",");
            QueueState state = new QueueState(Long.parseLong(lines[0].strip()),
                    Long.parseLong(read[0].strip()), Long.parseLong(read[1].strip()),
                    Long.parseLong(write[0].strip()), Long.parseLong(write[1].strip()));
            return Optional.of(state);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unreadable disk queue metadata {0} ({1}); rebuilding it from the segment files",
                    path, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stores the state, unless a newer one was stored already, or {@code appendsMayStayUnrecorded} and the state
     * differs from the stored one only by records appended to the same write segment.
     */
    synchronized void write(long generation, QueueState state, boolean appendsMayStayUnrecorded) throws IOException {
        if (generation <= writtenGeneration) {
            return;
        }
        if (appendsMayStayUnrecorded && stored != null && state.readFileNum() == stored.readFileNum() && state.readPos() == stored.readPos()
                && state.writeFileNum() == stored.writeFileNum()) {
            // only records appended to the segment the stored state names: once forced they are durable, and
            // recovery finds them by scanning on from its write position; the segment's directory entry was
            // made durable with that store. Skipping saves two of a strict-mode round's three fsyncs.
            writtenGeneration = generation;
            return;
        }
        String text = state.depth() + "\n"
                + state.readFileNum() + "," + state.readPos() + "\n"
                + state.writeFileNum() + "," + state.writePos() + "\n";
        AtomicFiles.write(path, text.getBytes(StandardCharsets.US_ASCII));
        writtenGeneration = generation;
        stored = state;
    }

    /** Refuses every later write, so that a sync still in flight cannot recreate the file after it is deleted. */
    synchronized void retire() {
        writtenGeneration = Long.MAX_VALUE;
    }
}
