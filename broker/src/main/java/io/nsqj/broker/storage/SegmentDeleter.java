package io.nsqj.broker.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Removes segment files a disk queue is done with, without making the queue's thread wait: unlinking a
 * segment of 100 MB frees its cached pages, several milliseconds in which the loop that reads the backlog
 * would deliver nothing. The segment is first renamed into a folder of its own under the data path (a rename
 * costs microseconds and frees the name at once, so a queue created again under the same name never meets
 * it), then unlinked on an executor of its own. What a crash leaves in that folder goes with
 * {@link #removeLeftovers()} at the next start. Thread-safe.
 */
public final class SegmentDeleter {
    private static final System.Logger LOG = System.getLogger(SegmentDeleter.class.getName());
    /** Hidden, and matched by no queue's file names, so nsqd's file layout is otherwise unchanged. */
    static final String FOLDER = ".deleting";
    /** What this class puts in the folder: a segment's name and a number. Nothing else there is touched. */
    private static final Pattern RENAMED = Pattern.compile(".+\\.diskqueue\\.\\d{6,}\\.dat\\.\\d+");
    private static final SegmentDeleter AT_ONCE = new SegmentDeleter(null, null);

    /** Null when deleting on the caller's thread. */
    private final Path folder;
    private final Executor executor;
    /** Tells apart the files of one segment name deleted again after its queue was made anew. */
    private final AtomicLong renamed = new AtomicLong();

    private SegmentDeleter(Path folder, Executor executor) {
        this.folder = folder;
        this.executor = executor;
    }

    /** Deletes on the caller's thread: for tools and tests that own their files alone. */
    public static SegmentDeleter atOnce() {
        return AT_ONCE;
    }

    /**
     * Unlinks through {@code executor}, for the queues under {@code dataPath}. Not the executor of fsyncs: a
     * deleted backlog of many segments would hold up the syncs that publishes wait for.
     */
    public static SegmentDeleter inBackground(Path dataPath, Executor executor) throws IOException {
        return new SegmentDeleter(Files.createDirectories(dataPath.resolve(FOLDER)), executor);
    }

    /**
     * Takes {@code segment} away from its name, if it exists.
     *
     * @throws IOException when it can be neither moved aside nor deleted: it is still there under its name
     */
    void delete(Path segment) throws IOException {
        if (folder == null) {
            Files.deleteIfExists(segment);
            return;
        }
        Path doomed = folder.resolve(segment.getFileName() + "." + renamed.incrementAndGet());
        try {
            Files.move(segment, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // no such segment (nothing to do then), or it cannot be moved (the folder went away): delete it here
            Files.deleteIfExists(segment);
            return;
        }
        try {
            executor.execute(() -> deleteQuietly(doomed));
        } catch (RejectedExecutionException e) {
            // shutting down: the next start removes it
        }
    }

    /**
     * Unlinks what an earlier run renamed and did not get to delete. Safe beside this run's deletes: whatever
     * is in the folder is no queue's any more.
     */
    public void removeLeftovers() {
        if (folder == null) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> RENAMED.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                deleteQuietly(entry);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list {0} to remove deleted segments: {1}", folder, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete {0}: {1}", file, e.toString());
        }
    }
}
