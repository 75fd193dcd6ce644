package io.nsqj.broker.http;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The JVM's recent stop-the-world GC pauses, kept like Go's MemStats.PauseNs: the last 256, in nanoseconds.
 * Concurrent collector cycles are not pauses and are left out.
 */
final class GcPauses {
    private static final int KEPT = 256;

    private final long[] pauses = new long[KEPT];
    private long recorded;

    void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter && !isConcurrent(gc.getName())) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        record(info.getGcInfo().getDuration() * 1_000_000L);
                    }
                }, null, null);
            }
        }
    }

    private static boolean isConcurrent(String name) {
        return name.contains("Concurrent") || name.contains("Cycles");
    }

    synchronized void record(long nanos) {
        pauses[(int) (recorded % KEPT)] = nanos;
        recorded++;
    }

    /** The kept pauses, sorted ascending. */
    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(pauses, (int) Math.min(recorded, KEPT));
        Arrays.sort(copy);
        return copy;
    }

    /** nsqd's percentile(): the element at round(perc% of n), capped to the last one; 0 when none. */
    static long percentile(double perc, long[] sorted) {
        int length = sorted.length;
        if (length == 0) {
            return 0;
        }
        int index = (int) Math.floor(perc / 100.0 * length + 0.5);
        if (index >= length) {
            index = length - 1;
        }
        return sorted[index];
    }
}
