package io.nsqj.broker.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingLogTest {
    @TempDir
    Path dir;

    private PendingLog open() throws IOException {
        return new PendingLog(dir, "t:c", 1024);
    }

    @Test
    void replayKeepsHeldMessagesWithTheirLatestDueTime() throws IOException {
        try (PendingLog log = open()) {
            log.hold(1, 0, new byte[]{1});
            log.hold(2, 500, new byte[]{2});
            log.hold(3, 0, new byte[]{3});
            log.release(1);
            log.hold(3, 900, new byte[]{3});
        }
        List<PendingLog.Entry> entries = open().recovered();
        assertEquals(2, entries.size());
        assertEquals(2, entries.get(0).id());
        assertEquals(500, entries.get(0).dueMillis());
        assertEquals(900, entries.get(1).dueMillis());
        assertArrayEquals(new byte[]{3}, entries.get(1).message());
    }

    @Test
    void aTornOrDamagedTailIsDroppedAndAppendingGoesOn() throws IOException {
        try (PendingLog log = open()) {
            log.hold(1, 0, new byte[]{1});
            log.hold(2, 0, new byte[]{2});
        }
        Path file = dir.resolve("t:c.pending.dat");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[]{(byte) 0xFF}), ch.size() - 1);
        }
        try (PendingLog log = open()) {
            assertEquals(1, log.recovered().size());
            log.hold(3, 0, new byte[]{3});
        }
        assertEquals(2, open().recovered().size());
    }

    @Test
    void compactionKeepsOnlyTheLiveEntries() throws IOException {
        byte[] big = new byte[1000];
        try (PendingLog log = new PendingLog(dir, "t:c", 2000)) {
            for (int i = 0; i < 6000; i++) {
                log.hold(i, 0, big);
                log.release(i);
            }
            log.hold(7, 42, big);
            log.prepareSync(() -> List.of(new PendingLog.Entry(7, 42, big))).run();
            log.hold(8, 0, big);
        }
        List<PendingLog.Entry> entries = new PendingLog(dir, "t:c", 2000).recovered();
        assertEquals(List.of(7L, 8L), entries.stream().map(PendingLog.Entry::id).toList());
        assertTrue(dir.resolve("t:c.pending.dat").toFile().length() < 5000, "compacted to the live entries");
    }

    /** Enough held-and-released records that the next sync compacts. */
    private static void growPastCompaction(PendingLog log, byte[] big) throws IOException {
        for (int i = 0; i < 6000; i++) {
            log.hold(i, 0, big);
            log.release(i);
        }
    }

    @Test
    void aCompactionWhoseRoundNeverRanIsFinishedByTheNextSync() throws IOException {
        byte[] big = new byte[1000];
        try (PendingLog log = new PendingLog(dir, "t:c", 2000)) {
            growPastCompaction(log, big);
            log.hold(7, 42, big);
            log.prepareSync(() -> List.of(new PendingLog.Entry(7, 42, big)));
            log.hold(1000, 0, big);
            log.prepareSync(List::of).run();
            assertFalse(dir.resolve("t:c.pending.tmp").toFile().exists(), "renamed by the second sync");
            log.hold(1001, 0, big);
        }
        List<PendingLog.Entry> entries = new PendingLog(dir, "t:c", 2000).recovered();
        assertEquals(List.of(7L, 1000L, 1001L), entries.stream().map(PendingLog.Entry::id).toList());
    }

    @Test
    void aCrashBeforeTheCompactedFileIsRenamedLosesNothingAppendedToIt() throws IOException {
        byte[] big = new byte[1000];
        PendingLog log = new PendingLog(dir, "t:c", 2000);
        growPastCompaction(log, big);
        log.hold(7, 42, big);
        log.prepareSync(() -> List.of(new PendingLog.Entry(7, 42, big)));
        log.hold(1000, 0, big);
        log.release(7);
        // the process dies here: the old file was never replaced, the compacted one holds the latest records
        PendingLog reopened = new PendingLog(dir, "t:c", 2000);
        assertEquals(List.of(1000L), reopened.recovered().stream().map(PendingLog.Entry::id).toList());
        assertFalse(dir.resolve("t:c.pending.tmp").toFile().exists());
        reopened.hold(1001, 0, big);
        reopened.close();
        assertEquals(List.of(1000L, 1001L),
                new PendingLog(dir, "t:c", 2000).recovered().stream().map(PendingLog.Entry::id).toList());
    }
}
