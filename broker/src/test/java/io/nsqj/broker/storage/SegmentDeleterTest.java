package io.nsqj.broker.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentDeleterTest {
    @TempDir
    Path dir;

    /** Runs nothing until told: what the deleter left for the blocking executor, in the order it came. */
    private final List<Runnable> backlog = new ArrayList<>();

    @Test
    void theSegmentLeavesItsNameAtOnceAndItsFileOnTheExecutor() throws IOException {
        SegmentDeleter deleter = SegmentDeleter.inBackground(dir, backlog::add);
        Path segment = Files.writeString(dir.resolve("t:c.diskqueue.000000.dat"), "read already");

        deleter.delete(segment);

        assertFalse(Files.exists(segment));
        assertEquals(1, deleted().size(), "waiting for the executor");
        runBacklog();
        assertEquals(List.of(), deleted());
    }

    @Test
    void aQueueMadeAgainUnderTheSameNameKeepsItsNewSegment() throws IOException {
        SegmentDeleter deleter = SegmentDeleter.inBackground(dir, backlog::add);
        Path segment = deletedAndMadeAgain(deleter, "old", "new");
        deleter.delete(dir.resolve("t:c.diskqueue.000001.dat"));

        runBacklog();

        assertEquals("new", Files.readString(segment));
    }

    @Test
    void theSameSegmentNameDeletedTwiceBeforeTheExecutorRanLosesNeither() throws IOException {
        SegmentDeleter deleter = SegmentDeleter.inBackground(dir, backlog::add);
        deleter.delete(deletedAndMadeAgain(deleter, "first", "second"));

        assertEquals(2, deleted().size());
        runBacklog();
        assertEquals(List.of(), deleted());
    }

    @Test
    void whatARunLeftToDeleteGoesAtTheNextStartAndNothingElseThere() throws IOException {
        Path folder = Files.createDirectories(dir.resolve(SegmentDeleter.FOLDER));
        Files.write(folder.resolve("t:c.diskqueue.000003.dat.7"), "left by a crash".getBytes(UTF_8));
        Files.write(folder.resolve("notes.txt"), "someone else's".getBytes(UTF_8));
        Path live = Files.writeString(dir.resolve("t:c.diskqueue.000004.dat"), "unread");

        SegmentDeleter.inBackground(dir, backlog::add).removeLeftovers();

        assertEquals(List.of("notes.txt"), deleted());
        assertTrue(Files.exists(live));
    }

    @Test
    void aMissingSegmentIsNoError() throws IOException {
        SegmentDeleter.inBackground(dir, backlog::add).delete(dir.resolve("t:c.diskqueue.000009.dat"));
        SegmentDeleter.atOnce().delete(dir.resolve("t:c.diskqueue.000009.dat"));
        assertTrue(backlog.isEmpty());
    }

    @Test
    void aSegmentThatCannotBeDeletedIsAnErrorForWhoeverDeletesTheQueue() throws IOException {
        DiskQueue queue = new DiskQueue(dir, "t:c", 100, 1024, 1_000_000);
        queue.put("record".getBytes(UTF_8));
        // a non-empty directory under a segment's name: no unlink removes it
        Files.createDirectories(dir.resolve("t:c.diskqueue.000005.dat").resolve("inside"));

        assertThrows(IOException.class, queue::deleteFiles);
        assertTrue(Files.exists(dir.resolve("t:c.diskqueue.meta.dat")), "the queue's metadata stays with its files");
    }

    @Test
    void aDeletionAfterShutdownIsLeftForTheNextStart() throws IOException {
        SegmentDeleter deleter = SegmentDeleter.inBackground(dir, task -> {
            throw new RejectedExecutionException("shut down");
        });
        Path segment = Files.writeString(dir.resolve("t:c.diskqueue.000000.dat"), "read already");

        deleter.delete(segment);

        assertFalse(Files.exists(segment));
        assertEquals(1, deleted().size());
        SegmentDeleter.inBackground(dir, backlog::add).removeLeftovers();
        assertEquals(List.of(), deleted());
    }

    @Test
    void aDiskQueueReadingItsBacklogHandsFullyReadSegmentsToTheExecutor() throws IOException {
        SegmentDeleter deleter = SegmentDeleter.inBackground(dir, backlog::add);
        try (DiskQueue queue = new DiskQueue(dir, "t:c", 100, 1024, 1_000_000, deleter)) {
            for (int i = 0; i < 20; i++) {
                queue.put(String.format("record-%03d", i).getBytes(UTF_8));
            }
            for (int i = 0; i < 12; i++) {
                queue.poll();
            }
            assertEquals(List.of("t:c.diskqueue.000002.dat", "t:c.diskqueue.000003.dat", "t:c.diskqueue.meta.dat"),
                    queueFiles());
            assertEquals(2, deleted().size());
            runBacklog();
            assertEquals(List.of(), deleted());
            assertEquals("record-012", new String(queue.poll(), UTF_8));
        }
    }

    /** A segment written, deleted and written again under its name, as by a queue made anew. */
    private Path deletedAndMadeAgain(SegmentDeleter deleter, String before, String after) throws IOException {
        Path segment = Files.writeString(dir.resolve("t:c.diskqueue.000000.dat"), before);
        deleter.delete(segment);
        return Files.writeString(segment, after);
    }

    private void runBacklog() {
        backlog.forEach(Runnable::run);
        backlog.clear();
    }

    private List<String> deleted() throws IOException {
        Path folder = dir.resolve(SegmentDeleter.FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> queueFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> !name.equals(SegmentDeleter.FOLDER))
                    .sorted().toList();
        }
    }
}
