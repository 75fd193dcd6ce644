package io.nsqj.broker.core;

import io.nsqj.bench.ScratchDirectory;
import io.nsqj.broker.storage.DiskQueue;
import io.nsqj.broker.storage.SegmentDeleter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One message read back from a backlog on disk as a channel's queue reads it: the record read from the page
 * cache, its checksum verified, decoded into a {@link Message} (id, header, a copy of the 200-byte body) and
 * consumed. Each invocation first writes a fresh backlog (outside the measurement, so it is in the page cache,
 * as a backlog published moments before is) and then reads it all; fully read segments are unlinked on a
 * thread of their own, as the broker's {@code nsqd-unlink} does. In package core for {@code decodeQueued}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiskQueueReadBenchmark {
    private static final int RECORDS = 1_000_000;
    private static final long MAX_BYTES_PER_FILE = 100L * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = Message.QUEUED_HEADER_LENGTH + 1024 * 1024;

    private final byte[] record = new Message(0x0dbc9ffa2ac00001L, new byte[200], 1_700_000_000_000_000_000L, 1)
            .encodeQueued();
    private ExecutorService unlink;
    private ScratchDirectory dataPath;
    private DiskQueue queue;

    @Setup(Level.Trial)
    public void startUnlinkThread() {
        unlink = Executors.newSingleThreadExecutor();
    }

    @Setup(Level.Invocation)
    public void writeBacklog() throws IOException {
        dataPath = ScratchDirectory.create("nsq-bench-diskread");
        queue = new DiskQueue(dataPath.path(), "sub_bench", MAX_BYTES_PER_FILE, MAX_RECORD_SIZE, Long.MAX_VALUE,
                SegmentDeleter.inBackground(dataPath.path(), unlink));
        queue.holdWrites();
        for (int i = 0; i < RECORDS; i++) {
            queue.put(record);
        }
        queue.releaseWrites();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void readBack(Blackhole consumed) {
        Message m;
        while ((m = queue.peek(Message::decodeQueued)) != null) {
            consumed.consume(m);
            queue.skip();
        }
    }

    @TearDown(Level.Invocation)
    public void delete() throws Exception {
        queue.deleteFiles();
        // what the unlink thread still has queued goes before the folder
        unlink.submit(() -> { }).get();
        dataPath.close();
    }

    @TearDown(Level.Trial)
    public void stopUnlinkThread() {
        unlink.shutdown();
    }
}
