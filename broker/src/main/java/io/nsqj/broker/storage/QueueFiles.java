package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the files of one disk queue live and how they are named. */
final class QueueFiles {

    private final Path dataDir;
    private final String name;
    private final Pattern segmentName;
    private final SegmentDeleter deleter;

    QueueFiles(Path dataDir, String name) {
        this(dataDir, name, SegmentDeleter.atOnce());
    }

    QueueFiles(Path dataDir, String name, SegmentDeleter deleter) {
        this.dataDir = dataDir;
        this.name = name;
        this.deleter = deleter;
        // Anchored on both ends so a queue never claims the files of a queue whose name extends its own.
        this.segmentName = Pattern.compile(Pattern.quote(name) + "\\.diskqueue\\.(\\d{6,})\\.dat");
    }

    Path segment(long fileNum) {
        return dataDir.resolve(String.format("%s.diskqueue.%06d.dat", name, fileNum));
    }

    Path metadata() {
        return dataDir.resolve(name + ".diskqueue.meta.dat");
    }

    /** Segment numbers present on disk, ascending. */
    List<Long> existingSegments() throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries
                    .map(path -> segmentName.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> Long.parseLong(matcher.group(1)))
                    .sorted()
                    .toList();
        }
    }

    /** A segment no record of which is wanted any more: gone from its name at once, its space freed soon. */
    void deleteSegment(long fileNum) throws IOException {
        deleter.delete(segment(fileNum));
    }

    void deleteSegmentsBefore(long firstKept) throws IOException {
        for (long fileNum : existingSegments()) {
            if (fileNum < firstKept) {
                deleteSegment(fileNum);
            }
        }
    }

    void deleteAll() throws IOException {
        deleteSegmentsBefore(Long.MAX_VALUE);
        Files.deleteIfExists(metadata());
        Files.deleteIfExists(AtomicFiles.temporarySibling(metadata()));
    }
}
