package io.nsqj.broker.http;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * nsqd's memStats, from the JVM's nearest equivalents: the heap in use and committed-but-free, GC pause
 * percentiles over the last 256 pauses (in microseconds) and the total number of collections. Go-only
 * figures (heap objects, bytes released to the OS) are 0; next_gc_bytes is the committed heap, the size at
 * which the next collection is due.
 */
record MemoryStats(long heapObjects, long heapIdleBytes, long heapInUseBytes, long heapReleasedBytes,
                   long gcPauseUsec100, long gcPauseUsec99, long gcPauseUsec95, long nextGcBytes,
                   long gcTotalRuns) {

    static MemoryStats sample(GcPauses gcPauses) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long runs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            runs += Math.max(0, gc.getCollectionCount());
        }
        long[] pauses = gcPauses.sorted();
        return new MemoryStats(0, Math.max(0, heap.getCommitted() - heap.getUsed()), heap.getUsed(), 0,
                GcPauses.percentile(100.0, pauses) / 1000, GcPauses.percentile(99.0, pauses) / 1000,
                GcPauses.percentile(95.0, pauses) / 1000, heap.getCommitted(), runs & 0xFFFFFFFFL);
    }
}
