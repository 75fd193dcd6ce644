package io.nsqj.broker.storage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Arbitrary bytes as a disk queue's only segment: recovery and reading must end with records or nothing,
 * never with an unexpected exception or a hang (an input running past the timeout). Corpus in DiskRecordFuzzTestInputs.
 */
class DiskRecordFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(20)
    void recoveryAndReadingNeverThrowUnexpectedly(byte[] segment) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-queue");
        try {
            Files.write(dir.resolve("q.diskqueue.000000.dat"), segment);
            try (DiskQueue queue = new DiskQueue(dir, "q", 1 << 16, 1 << 10, 1)) {
                long depth = queue.depth();
                for (long i = 0; i <= depth && queue.poll() != null; i++) {
                    queue.depth();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
