package io.nsqj.tools.bench;

/**
 * Publish-to-delivery latencies in nanoseconds, in fixed log-linear buckets as HdrHistogram lays them out
 * (64 sub-buckets per power of two, so a value is kept to within 1.6%): recording is an index computation
 * and an increment, no allocation. One per consumer thread; {@link #add} merges them at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values up to 2^42 ns (about 73 minutes); larger ones count in the last bucket. */
    private static final int MAX_BITS = 42;
    private static final int BUCKETS = index((1L << MAX_BITS) - 1) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;
    /** Messages stamped later than they arrived (clock offsets between processes); counted as 0. */
    private long negative;

    private static int index(long value) {
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(value) - (SUB_BUCKET_BITS + 1));
        return shift * SUB_BUCKETS + (int) (value >>> shift);
    }

    /** The lowest value a bucket holds, and the width of the bucket. */
    private static long lowest(int index) {
        int shift = Math.max(0, index / SUB_BUCKETS - 1);
        return (long) (index - shift * SUB_BUCKETS) << shift;
    }

    private static long width(int index) {
        return 1L << Math.max(0, index / SUB_BUCKETS - 1);
    }

    void record(long nanos) {
        if (nanos < 0) {
            negative++;
            nanos = 0;
        }
        if (nanos > max) {
            max = nanos;
        }
        counts[Math.min(index(nanos), BUCKETS - 1)]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
        negative += other.negative;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    long negative() {
        return negative;
    }

    /** The value at or below which {@code percentile} percent of the recorded values lie (bucket midpoint). */
    long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, lowest(i) + width(i) / 2);
            }
        }
        return max;
    }
}
