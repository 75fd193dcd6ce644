package io.nsqj.broker.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {

    private static final String NAME = "orders:archive#ephemeral";
    private static final int MAX_RECORD_SIZE = 1024;
    /** Records are "record-NNN": 10 payload bytes, 18 on disk, so five of them fill a segment. */
    private static final int RECORD_BYTES = 18;
    private static final long SEGMENT_BYTES = 100;
    private static final long RARELY = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void deliversRecordsInFifoOrderAcrossSegmentRolls() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 48);
            assertEquals(10, segmentFiles(dir).size());
            assertEquals(records(0, 48), drain(queue));
        }
    }

    @Test
    void aRecordDecodedWhereItLiesIsThenSkippedUnread() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 3);
            RecordDecoder<String> decoder = (buffer, offset, length) -> {
                byte[] bytes = new byte[length];
                buffer.get(offset, bytes);
                return text(bytes);
            };
            assertEquals(records(0, 1).get(0), queue.peek(decoder));
            assertEquals(records(0, 1).get(0), queue.peek(decoder), "a peek consumes nothing");
            assertTrue(queue.skip());
            assertEquals(records(1, 2).get(0), text(queue.poll()));
            assertEquals(records(2, 3).get(0), queue.peek(decoder));
            assertTrue(queue.skip());
            assertEquals(0, queue.depth());
            assertFalse(queue.skip());
            assertNull(queue.peek(decoder));
        }
    }

    @Test
    void keepsFifoOrderWhenReadsInterleaveWithWrites() throws IOException {
        try (DiskQueue queue = open(dir)) {
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                queue.put(record(i));
                if (i % 3 == 2) {
                    delivered.add(text(queue.poll()));
                }
            }
            delivered.addAll(drain(queue));
            assertEquals(records(0, 30), delivered);
        }
    }

    @Test
    void aBacklogLargerThanTheReadBufferReadsBackWholeWithRecordsWrittenWhileItIsRead() throws IOException {
        byte[] filler = new byte[900];
        try (DiskQueue queue = new DiskQueue(dir, NAME, 1 << 20, MAX_RECORD_SIZE, RARELY)) {
            List<String> written = new ArrayList<>();
            List<String> read = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String text = String.format("%05d", i);
                byte[] payload = filler.clone();
                System.arraycopy(text.getBytes(UTF_8), 0, payload, 0, 5);
                queue.put(payload);
                written.add(text);
                if (i >= 1000 && i % 2 == 0) {
                    // reads now trail the writes by a buffer and more, in a segment still being written
                    read.add(new String(queue.poll(), 0, 5, UTF_8));
                }
            }
            byte[] next;
            while ((next = queue.poll()) != null) {
                read.add(new String(next, 0, 5, UTF_8));
            }
            assertEquals(written, read);
        }
    }

    @Test
    void heldWritesReachTheFileTogetherOnRelease() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, NAME, 1_000_000, MAX_RECORD_SIZE, RARELY)) {
            put(queue, 0, 2);
            queue.holdWrites();
            put(queue, 2, 14);
            assertEquals(14, queue.depth());
            assertEquals(records(0, 2), drain(queue));
            assertEquals(12, queue.depth());
            queue.releaseWrites();
            assertEquals(records(2, 14), drain(queue));
        }
    }

    @Test
    void syncWhileWritesAreHeldStoresOnlyWhatWasWritten() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        DiskQueue queue = open(live);
        put(queue, 0, 3);
        queue.holdWrites();
        put(queue, 3, 4);
        queue.prepareSync().run();
        copyFiles(live, crashed);
        queue.releaseWrites();
        queue.close();
        try (DiskQueue recovered = open(crashed)) {
            assertEquals(records(0, 3), drain(recovered));
        }
        try (DiskQueue reopened = open(live)) {
            assertEquals(records(0, 4), drain(reopened));
        }
    }

    @Test
    void readsAheadAcrossManyRecordsAndSegmentsInOrder() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, NAME, 1_000_000, MAX_RECORD_SIZE, RARELY)) {
            List<String> expected = new ArrayList<>();
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                String text = "r" + i + "-".repeat(i % 300);
                expected.add(text);
                queue.put(text.getBytes(UTF_8));
                if (i % 7_000 == 6_999) {
                    delivered.addAll(drain(queue));
                }
            }
            delivered.addAll(drain(queue));
            assertEquals(expected, delivered);
        }
    }

    @Test
    void peekReturnsTheNextRecordWithoutConsumingIt() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 2);
            assertEquals("record-000", text(queue.peek()));
            assertEquals("record-000", text(queue.peek()));
            assertEquals(2, queue.depth());
            assertEquals("record-000", text(queue.poll()));
            assertEquals("record-001", text(queue.peek()));
        }
    }

    @Test
    void emptyQueueYieldsNull() throws IOException {
        try (DiskQueue queue = open(dir)) {
            assertNull(queue.peek());
            assertNull(queue.poll());
            assertEquals(0, queue.depth());
        }
    }

    @Test
    void depthCountsRecordsNotYetRead() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 12);
            queue.poll();
            queue.poll();
            assertEquals(10, queue.depth());
        }
    }

    @Test
    void unreadBytesCountWrittenRecordsWithTheirHeadersAcrossSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 12);
            assertEquals(12L * RECORD_BYTES, queue.unreadBytes());
        }
    }

    @Test
    void unreadBytesShrinkAsRecordsAreRead() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 12);
            poll(queue, 7);
            assertEquals(5L * RECORD_BYTES, queue.unreadBytes());
            queue.peek();
            assertEquals(5L * RECORD_BYTES, queue.unreadBytes());
        }
    }

    @Test
    void unreadBytesAreZeroWhenEverythingIsReadOrEmptied() throws IOException {
        try (DiskQueue queue = open(dir)) {
            assertEquals(0, queue.unreadBytes());
            put(queue, 0, 12);
            drain(queue);
            assertEquals(0, queue.unreadBytes());
            put(queue, 12, 20);
            queue.empty();
            assertEquals(0, queue.unreadBytes());
        }
    }

    @Test
    void unreadBytesSurviveAReopen() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 23);
            poll(queue, 7);
        }
        try (DiskQueue reopened = open(dir)) {
            assertEquals(16L * RECORD_BYTES, reopened.unreadBytes());
        }
    }

    @Test
    void unreadBytesAreRecoveredAfterACrashWithoutClose() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        try (DiskQueue queue = open(live)) {
            put(queue, 0, 13);
            poll(queue, 2);
            queue.sync();
            put(queue, 13, 17);
            copyFiles(live, crashed);
        }
        try (DiskQueue recovered = open(crashed)) {
            assertEquals(recovered.depth() * RECORD_BYTES, recovered.unreadBytes());
            assertEquals(15L * RECORD_BYTES, recovered.unreadBytes());
        }
    }

    @Test
    void unreadBytesLeaveOutATornTailCutOffOnOpen() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        truncate(dir.resolve(segmentName(3)), 5 * RECORD_BYTES - 5);
        try (DiskQueue reopened = open(dir)) {
            assertEquals(19L * RECORD_BYTES, reopened.unreadBytes());
        }
    }

    @Test
    void unreadBytesDropWithACorruptStretchThatIsSkipped() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        flipByte(dir.resolve(segmentName(1)), 2 * RECORD_BYTES + RecordFormat.HEADER_BYTES + 3);
        try (DiskQueue reopened = open(dir)) {
            drain(reopened);
            assertEquals(0, reopened.unreadBytes());
            reopened.put(record(100));
            assertEquals(RECORD_BYTES, reopened.unreadBytes());
        }
    }

    @Test
    void reopeningAfterCloseContinuesWhereItLeftOff() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 23);
            poll(queue, 7);
        }
        try (DiskQueue reopened = open(dir)) {
            assertEquals(16, reopened.depth());
            assertEquals(records(7, 23), drain(reopened));
        }
    }

    @Test
    void namesSegmentAndMetadataFilesAfterTheQueue() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 6);
        }
        assertEquals(List.of(
                "orders:archive#ephemeral.diskqueue.000000.dat",
                "orders:archive#ephemeral.diskqueue.000001.dat",
                "orders:archive#ephemeral.diskqueue.meta.dat"), fileNames(dir));
    }

    @Test
    void deletesSegmentsOnceTheyAreFullyRead() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
            poll(queue, 12);
            assertEquals(List.of(segmentName(2), segmentName(3)), segmentFiles(dir));
        }
    }

    @Test
    void givesARecordLargerThanASegmentASegmentOfItsOwn() throws IOException {
        byte[] large = new byte[300];
        try (DiskQueue queue = open(dir)) {
            queue.put(record(0));
            queue.put(large);
            queue.put(record(1));
            assertEquals(List.of(segmentName(0), segmentName(1), segmentName(2)), segmentFiles(dir));
            assertEquals(RecordFormat.HEADER_BYTES + large.length, Files.size(dir.resolve(segmentName(1))));
            assertEquals("record-000", text(queue.poll()));
            assertArrayEquals(large, queue.poll());
            assertEquals("record-001", text(queue.poll()));
        }
    }

    @Test
    void rejectsEmptyAndOversizedPayloads() throws IOException {
        try (DiskQueue queue = open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> queue.put(new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> queue.put(new byte[MAX_RECORD_SIZE + 1]));
            assertEquals(0, queue.depth());
        }
    }

    @Test
    void syncBecomesDueAfterSyncEveryPuts() throws IOException {
        try (DiskQueue queue = new DiskQueue(dir, NAME, SEGMENT_BYTES, MAX_RECORD_SIZE, 3)) {
            put(queue, 0, 2);
            assertFalse(queue.syncDue());
            queue.put(record(2));
            assertTrue(queue.syncDue());
            queue.prepareSync();
            assertFalse(queue.syncDue());
        }
    }

    @Test
    void emptyDropsAllRecordsAndSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
            queue.poll();
            queue.empty();
            assertEquals(0, queue.depth());
            assertNull(queue.poll());
            List<String> segments = segmentFiles(dir);
            assertEquals(1, segments.size());
            assertEquals(0, Files.size(dir.resolve(segments.get(0))));
        }
    }

    @Test
    void emptiedQueueKeepsWorkingAcrossReopen() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
            queue.empty();
            put(queue, 100, 103);
        }
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(100, 103), drain(reopened));
        }
    }

    @Test
    void deleteFilesRemovesEveryFileOfTheQueueAndNoOther() throws IOException {
        try (DiskQueue neighbour = new DiskQueue(dir, "orders", SEGMENT_BYTES, MAX_RECORD_SIZE, RARELY)) {
            put(neighbour, 0, 7);
        }
        DiskQueue queue = open(dir);
        put(queue, 0, 20);
        queue.deleteFiles();
        assertEquals(List.of(
                "orders.diskqueue.000000.dat",
                "orders.diskqueue.000001.dat",
                "orders.diskqueue.meta.dat"), fileNames(dir));
    }

    @Test
    void closedQueueRefusesFurtherUse() throws IOException {
        DiskQueue queue = open(dir);
        queue.close();
        assertThrows(IllegalStateException.class, () -> queue.put(record(0)));
        assertThrows(IllegalStateException.class, queue::poll);
    }

    @Test
    void tornTailLosesOnlyTheIncompleteRecord() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        truncate(dir.resolve(segmentName(3)), 5 * RECORD_BYTES - 5);
        try (DiskQueue reopened = open(dir)) {
            assertEquals(19, reopened.depth());
            assertEquals(records(0, 19), drain(reopened));
        }
    }

    @Test
    void writesAfterATornTailFollowTheLastCompleteRecord() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 3);
        }
        truncate(dir.resolve(segmentName(0)), 2 * RECORD_BYTES + 3);
        try (DiskQueue reopened = open(dir)) {
            reopened.put(record(100));
            assertEquals(List.of("record-000", "record-001", "record-100"), drain(reopened));
        }
    }

    @Test
    void checksumMismatchSkipsTheRestOfItsSegmentAndDeliversLaterSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        flipByte(dir.resolve(segmentName(1)), 2 * RECORD_BYTES + RecordFormat.HEADER_BYTES + 3);
        try (DiskQueue reopened = open(dir)) {
            List<String> expected = new ArrayList<>(records(0, 7));
            expected.addAll(records(10, 20));
            assertEquals(expected, drain(reopened));
            assertEquals(0, reopened.depth());
        }
    }

    @Test
    void corruptRecordInTheWriteSegmentIsCutOffAndWritingGoesOn() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 8);
        }
        flipByte(dir.resolve(segmentName(1)), RECORD_BYTES + 2);
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(0, 6), drain(reopened));
            assertEquals(0, reopened.depth());
            reopened.put(record(100));
            assertEquals(List.of("record-100"), drain(reopened));
        }
    }

    @Test
    void crashWithoutCloseKeepsEveryUnreadRecord() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        DiskQueue queue = new DiskQueue(live, NAME, SEGMENT_BYTES, MAX_RECORD_SIZE, 5);
        for (int i = 0; i < 23; i++) {
            queue.put(record(i));
            if (queue.syncDue()) {
                queue.sync();
            }
        }
        poll(queue, 7);
        copyFiles(live, crashed);
        queue.close();

        try (DiskQueue recovered = open(crashed)) {
            List<String> delivered = drain(recovered);
            int firstDelivered = 23 - delivered.size();
            assertTrue(firstDelivered <= 7, "unread records lost: " + delivered);
            assertEquals(records(firstDelivered, 23), delivered);
        }
    }

    @Test
    void crashWithoutCloseRereadsRecordsReadSinceTheLastSyncFromAnUndeletedSegment() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        DiskQueue queue = open(live);
        put(queue, 0, 4);
        queue.sync();
        poll(queue, 2);
        copyFiles(live, crashed);
        queue.close();

        try (DiskQueue recovered = open(crashed)) {
            assertEquals(4, recovered.depth());
            assertEquals(records(0, 4), drain(recovered));
        }
    }

    @Test
    void crashWithoutCloseKeepsRecordsWrittenAfterTheLastSync() throws IOException {
        Path crashed = crashAfterSeventeenRecordsEightSynced();
        try (DiskQueue recovered = open(crashed)) {
            assertEquals(17, recovered.depth());
            assertEquals(records(0, 17), drain(recovered));
        }
    }

    @Test
    void lostMetadataIsRebuiltFromTheSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        Files.delete(dir.resolve(NAME + ".diskqueue.meta.dat"));
        try (DiskQueue reopened = open(dir)) {
            assertEquals(20, reopened.depth());
            assertEquals(records(0, 20), drain(reopened));
        }
    }

    @Test
    void unreadableMetadataIsRebuiltFromTheSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        Files.writeString(dir.resolve(NAME + ".diskqueue.meta.dat"), "garbage");
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(0, 20), drain(reopened));
        }
    }

    @Test
    void metadataWithNegativePositionsIsRebuiltFromTheSegments() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 20);
        }
        Files.writeString(dir.resolve(NAME + ".diskqueue.meta.dat"), "20\n-1,0\n3,90\n");
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(0, 20), drain(reopened));
        }
    }

    @Test
    void syncRunsOnAnotherThreadWhileTheOwnerKeepsWriting() throws Exception {
        ExecutorService syncer = Executors.newSingleThreadExecutor();
        List<Future<?>> syncs = new ArrayList<>();
        List<String> polled = new ArrayList<>();
        try (DiskQueue queue = new DiskQueue(dir, NAME, 1000, MAX_RECORD_SIZE, 7)) {
            for (int i = 0; i < 5000; i++) {
                queue.put(record(i));
                if (i % 3 == 0) {
                    polled.add(text(queue.poll()));
                }
                if (queue.syncDue()) {
                    syncs.add(syncer.submit(queue.prepareSync()));
                }
            }
            for (Future<?> sync : syncs) {
                sync.get();
            }
        } finally {
            syncer.shutdown();
        }
        try (DiskQueue reopened = new DiskQueue(dir, NAME, 1000, MAX_RECORD_SIZE, 7)) {
            List<String> delivered = new ArrayList<>(polled);
            delivered.addAll(drain(reopened));
            assertEquals(records(0, 5000), delivered);
        }
    }

    @Test
    void interruptedSyncFailsWithoutBreakingTheQueue() throws Exception {
        AtomicReference<RuntimeException> syncFailure = new AtomicReference<>();
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 3);
            Runnable sync = queue.prepareSync();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    sync.run();
                } catch (RuntimeException e) {
                    syncFailure.set(e);
                }
            });
            interrupted.start();
            interrupted.join();
            put(queue, 3, 6);
        }
        assertInstanceOf(ClosedByInterruptException.class, syncFailure.get().getCause());
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(0, 6), drain(reopened));
        }
    }

    @Test
    void staleSyncRunAfterCloseDoesNotRewindTheQueue() throws IOException {
        Runnable staleSync;
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 5);
            staleSync = queue.prepareSync();
            put(queue, 5, 10);
        }
        staleSync.run();
        try (DiskQueue reopened = open(dir)) {
            assertEquals(10, reopened.depth());
        }
    }

    @Test
    void aPinnedRecordIsReadAgainAfterReopeningWithEverythingReadAfterIt() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 10);
            poll(queue, 1);
            queue.poll();
            queue.pinLastPolled();
            poll(queue, 6);
            assertEquals(2, queue.depth());
        }
        try (DiskQueue queue = open(dir)) {
            assertEquals(9, queue.depth());
            assertEquals(records(1, 10), drain(queue));
        }
    }

    @Test
    void fullyReadSegmentsStayWhilePinnedAndGoWhenUnpinned() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 12);
            queue.poll();
            ReadPin pin = queue.pinLastPolled();
            poll(queue, 10);
            assertEquals(List.of(segmentName(0), segmentName(1), segmentName(2)), segmentFiles(dir));
            queue.unpin(pin);
            assertEquals(List.of(segmentName(2)), segmentFiles(dir));
        }
        try (DiskQueue queue = open(dir)) {
            assertEquals(records(11, 12), drain(queue));
        }
    }

    @Test
    void theStoredReadPositionIsTheOldestUnreleasedPin() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 10);
            queue.poll();
            ReadPin first = queue.pinLastPolled();
            queue.poll();
            queue.poll();
            ReadPin third = queue.pinLastPolled();
            queue.poll();
            queue.unpin(first);
            queue.sync();
        }
        try (DiskQueue queue = open(dir)) {
            assertEquals(records(2, 10), drain(queue));
        }
    }

    @Test
    void emptyingReleasesEveryPin() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 10);
            queue.poll();
            ReadPin pin = queue.pinLastPolled();
            queue.empty();
            queue.unpin(pin);
            put(queue, 10, 12);
        }
        try (DiskQueue queue = open(dir)) {
            assertEquals(records(10, 12), drain(queue));
        }
    }

    @Test
    void recordsAreWrittenWithACrc32cMarkedInTheLengthWord() throws IOException {
        try (DiskQueue queue = open(dir)) {
            queue.put(record(0));
        }
        ByteBuffer segment = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(segmentName(0))));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(record(0));
        assertEquals(0x8000_0000 | record(0).length, segment.getInt(0));
        assertEquals((int) crc.getValue(), segment.getInt(4));
    }

    @Test
    void queuesWrittenWithCrc32ByEarlierVersionsReadOnAndTakeNewRecordsAfterTheirs() throws IOException {
        try (DiskQueue queue = open(dir)) {
            put(queue, 0, 12);
        }
        for (int fileNum = 0; fileNum < 3; fileNum++) {
            rewriteWithCrc32(dir.resolve(segmentName(fileNum)));
        }
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(0, 3), List.of(text(reopened.poll()), text(reopened.poll()), text(reopened.poll())));
            put(reopened, 12, 15);
        }
        try (DiskQueue reopened = open(dir)) {
            assertEquals(records(3, 15), drain(reopened));
        }
    }

    @Test
    void crashRecoveryScansRecordsWrittenWithCrc32AndStillFindsDamage() throws IOException {
        Path crashed = crashAfterSeventeenRecordsEightSynced();
        for (int fileNum = 0; fileNum < 4; fileNum++) {
            rewriteWithCrc32(crashed.resolve(segmentName(fileNum)));
        }
        Path damaged = dir.resolve("damaged");
        copyFiles(crashed, damaged);
        flipByte(damaged.resolve(segmentName(3)), RECORD_BYTES + RecordFormat.HEADER_BYTES + 3);

        try (DiskQueue recovered = open(crashed)) {
            assertEquals(17, recovered.depth());
            assertEquals(records(0, 17), drain(recovered));
        }
        try (DiskQueue recovered = open(damaged)) {
            assertEquals(records(0, 16), drain(recovered), "the damaged record and the segment's rest are dropped");
        }
    }

    /** The files a crash leaves after 17 records were put, the first 8 synced: the rest only in the segments. */
    private Path crashAfterSeventeenRecordsEightSynced() throws IOException {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        DiskQueue queue = open(live);
        put(queue, 0, 8);
        queue.sync();
        put(queue, 8, 17);
        copyFiles(live, crashed);
        queue.close();
        return crashed;
    }

    private static DiskQueue open(Path directory) throws IOException {
        return new DiskQueue(directory, NAME, SEGMENT_BYTES, MAX_RECORD_SIZE, RARELY);
    }

    private static byte[] record(int number) {
        return String.format("record-%03d", number).getBytes(UTF_8);
    }

    private static List<String> records(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).mapToObj(i -> text(record(i))).toList();
    }

    private static String text(byte[] payload) {
        return new String(payload, UTF_8);
    }

    private static void put(DiskQueue queue, int from, int toExclusive) throws IOException {
        for (int i = from; i < toExclusive; i++) {
            queue.put(record(i));
        }
    }

    private static void poll(DiskQueue queue, int count) {
        for (int i = 0; i < count; i++) {
            queue.poll();
        }
    }

    private static List<String> drain(DiskQueue queue) {
        List<String> delivered = new ArrayList<>();
        byte[] payload;
        while ((payload = queue.poll()) != null) {
            delivered.add(text(payload));
        }
        return delivered;
    }

    private static String segmentName(int fileNum) {
        return String.format("%s.diskqueue.%06d.dat", NAME, fileNum);
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> segmentFiles(Path directory) throws IOException {
        return fileNames(directory).stream().filter(name -> !name.endsWith("meta.dat")).toList();
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) ~one.get(0));
            channel.write(one.rewind(), position);
        }
    }

    /** Rewrites a segment's records as versions before CRC32C wrote them: CRC32, no mark in the length word. */
    private static void rewriteWithCrc32(Path segment) throws IOException {
        ByteBuffer records = ByteBuffer.wrap(Files.readAllBytes(segment));
        while (records.remaining() >= RecordFormat.HEADER_BYTES) {
            int at = records.position();
            int length = records.getInt(at) & 0x7fff_ffff;
            byte[] payload = new byte[length];
            records.get(at + RecordFormat.HEADER_BYTES, payload);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(payload);
            records.putInt(at, length).putInt(at + 4, (int) crc.getValue());
            records.position(at + RecordFormat.HEADER_BYTES + length);
        }
        Files.write(segment, records.array());
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : fileNames(from)) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}
