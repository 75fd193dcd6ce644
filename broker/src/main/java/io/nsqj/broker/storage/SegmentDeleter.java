package io.nsqj.broker.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Removes segment files a disk queue is done with, without making the queue's thread wait: unlinking a
 * segment of 100 MB frees its cached pages, several milliseconds in which the loop that reads the backlog
 * would deliver nothing. The segment is first renamed into a folder of its own under the data path (a rename
 * costs microseconds and frees the name at once, so a queue created again under the same name never meets
 * it), then unlinked on the blocking executor. What a crash leaves in that folder is removed at the next
 * start. Thread-safe.
 */
public final class SegmentDeleter {
    private static final System.Logger LOG = System.getLogger(SegmentDeleter.class.getName());
    /** Hidden, and matched by no queue's file names, so nsqd's file layout is otherwise unchanged. */
    static final String FOLDER = ".deleting";
    private static final SegmentDeleter AT_ONCE = new SegmentDeleter(null, null);

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
     * Deletes through {@code executor}, for the queues under {@code dataPath}; first removes what an earlier
     * run left in the folder.
     */
    public static SegmentDeleter inBackground(Path dataPath, Executor executor) {
        SegmentDeleter deleter = new SegmentDeleter(dataPath.resolve(FOLDER), executor);
        deleter.removeLeftovers();
        return deleter;
    }

    /** Deletes {@code segment} if it exists; never throws, as a file left behind costs only disk space. */
    void delete(Path segment) {
        if (folder == null) {
            deleteNow(segment);
            return;
        }
        Path doomed;
        try {
            Files.createDirectories(folder);
            doomed = folder.resolve(segment.getFileName() + "." + renamed.incrementAndGet());
            Files.move(segment, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            deleteNow(segment);
            return;
        }
        try {
            executor.execute(() -> deleteNow(doomed));
        } catch (RejectedExecutionException e) {
            // shutting down: the next start removes it
        }
    }

    private void removeLeftovers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                deleteNow(entry);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list {0} to remove deleted segments: {1}", folder, e.toString());
        }
    }

    private static void deleteNow(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete {0}: {1}", file, e.toString());
        }
    }
}
