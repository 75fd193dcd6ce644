package io.nsqj.broker.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Derives a queue's state from its segment files, which are the truth whenever the metadata is stale
 * (a crash after the last sync) or disagrees with them (files lost or cut short).
 */
final class QueueRecovery {

    private static final System.Logger LOG = System.getLogger(QueueRecovery.class.getName());

    private final QueueFiles files;
    private final String queueName;
    private final int maxRecordSize;

    QueueRecovery(QueueFiles files, String queueName, int maxRecordSize) {
        this.files = files;
        this.queueName = queueName;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * Trusts the metadata up to its write position and scans forward from there for records written
     * after the last sync; rebuilds everything from the read position when the metadata cannot be trusted.
     * Cuts a torn or corrupt tail off the last segment.
     */
    QueueState recover(Optional<QueueState> metadata) throws IOException {
        if (metadata.isPresent() && agreesWithFiles(metadata.get())) {
            QueueState trusted = metadata.get();
            QueueState unsynced = scanFrom(trusted.writeFileNum(), trusted.writePos());
            return new QueueState(trusted.depth() + unsynced.depth(), trusted.readFileNum(), trusted.readPos(),
                    unsynced.writeFileNum(), unsynced.writePos());
        }
        List<Long> segments = files.existingSegments();
        long readFileNum = metadata.map(QueueState::readFileNum).orElse(0L);
        long firstUnread = segments.stream().filter(fileNum -> fileNum >= readFileNum).findFirst().orElse(readFileNum);
        long readPos = metadata.isPresent() && firstUnread == readFileNum
                ? Math.min(metadata.get().readPos(), sizeOrZero(files.segment(readFileNum)))
                : 0;
        QueueState rebuilt = scanFrom(firstUnread, readPos);
        if (metadata.isPresent() || !segments.isEmpty()) {
            String problem = metadata.map(stale -> "metadata " + stale + " does not match the segment files")
                    .orElse("no usable metadata");
            LOG.log(Level.WARNING, "Disk queue {0}: {1}; rebuilt from the segments as {2}",
                    queueName, problem, rebuilt);
        }
        return rebuilt;
    }

    /** Intact records between a read position and a write position; corrupt stretches are not counted. */
    long countRecords(long readFileNum, long readPos, long writeFileNum, long writePos) throws IOException {
        long records = 0;
        for (long fileNum = readFileNum; fileNum <= writeFileNum; fileNum++) {
            try (FileChannel channel = FileChannel.open(files.segment(fileNum), StandardOpenOption.READ)) {
                long from = fileNum == readFileNum ? readPos : 0;
                long limit = fileNum == writeFileNum ? writePos : channel.size();
                records += SegmentScan.run(channel, from, limit, maxRecordSize).records();
            }
        }
        return records;
    }

    private boolean agreesWithFiles(QueueState state) throws IOException {
        if (state.readIsAfterWrite()) {
            return false;
        }
        if (sizeOrZero(files.segment(state.writeFileNum())) < state.writePos()) {
            return false;
        }
        if (state.readFileNum() == state.writeFileNum()) {
            return true;
        }
        Path readSegment = files.segment(state.readFileNum());
        return Files.exists(readSegment) && state.readPos() <= Files.size(readSegment);
    }

    /** Counts intact records from a position through the last consecutive segment, which becomes the write end. */
    private QueueState scanFrom(long startFileNum, long startPos) throws IOException {
        long records = 0;
        long fileNum = startFileNum;
        long from = startPos;
        while (true) {
            Path segment = files.segment(fileNum);
            if (!Files.exists(segment)) {
                return new QueueState(records, startFileNum, startPos, fileNum, 0);
            }
            boolean last = !Files.exists(files.segment(fileNum + 1));
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = channel.size();
                SegmentScan scan = SegmentScan.run(channel, Math.min(from, size), size, maxRecordSize);
                records += scan.records();
                if (scan.corruption() != null) {
                    reportCorruption(segment, scan, size, last);
                    if (last) {
                        channel.truncate(scan.validEnd());
                    }
                }
                if (last) {
                    return new QueueState(records, startFileNum, startPos, fileNum, scan.validEnd());
                }
            }
            fileNum++;
            from = 0;
        }
    }

    private static long sizeOrZero(Path segment) throws IOException {
        return Files.exists(segment) ? Files.size(segment) : 0;
    }

    private void reportCorruption(Path segment, SegmentScan scan, long size, boolean last) {
        String fate = last ? "truncating the segment there" : "readers will skip to the next segment";
        LOG.log(Level.WARNING, "Disk queue {0}: {1} at position {2} of {3}: dropping {4} bytes, {5}",
                queueName, scan.corruption().getMessage(), scan.validEnd(), segment, size - scan.validEnd(), fate);
    }
}
