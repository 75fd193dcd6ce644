package io.nsqj.broker.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The intact records found in a stretch of one segment.
 *
 * @param records    how many intact records precede {@code validEnd}
 * @param validEnd   position just after the last intact record
 * @param corruption why scanning stopped before the limit, or null when it reached it
 */
record SegmentScan(long records, long validEnd, CorruptRecordException corruption) {

    static SegmentScan run(FileChannel channel, long from, long limit, int maxRecordSize) throws IOException {
        long records = 0;
        long position = from;
        try {
            StoredRecord record;
            while ((record = RecordFormat.read(channel, position, limit, maxRecordSize)) != null) {
                records++;
                position = record.nextPosition();
            }
            return new SegmentScan(records, position, null);
        } catch (CorruptRecordException e) {
            return new SegmentScan(records, position, e);
        }
    }
}
