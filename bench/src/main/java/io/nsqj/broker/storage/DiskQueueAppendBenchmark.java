package io.nsqj.broker.storage;

import io.nsqj.bench.ScratchDirectory;
import io.nsqj.broker.core.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One record appended to a disk queue: a 200-byte message as a topic's queue record (due time and nsqd's
 * message layout before the body), checksummed and written to the current segment, rolling to a new one at
 * nsqd's --max-bytes-per-file. fsync is left out: the broker runs it on a worker thread, off this path. Each
 * iteration starts an empty queue and deletes its files after, so a long run does not fill the disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiskQueueAppendBenchmark {
    private static final int RECORD_SIZE = Message.QUEUED_HEADER_LENGTH + 200;
    /** nsqd's defaults: --max-bytes-per-file, and a record of --max-msg-size as a topic sizes its queue. */
    private static final long MAX_BYTES_PER_FILE = 100L * 1024 * 1024;
    private static final int MAX_RECORD_SIZE = Message.QUEUED_HEADER_LENGTH + 1024 * 1024;

    private final byte[] record = new byte[RECORD_SIZE];
    private ScratchDirectory dataPath;
    private DiskQueue queue;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dataPath = ScratchDirectory.create("nsq-bench-diskqueue");
        queue = new DiskQueue(dataPath.path(), "sub_bench", MAX_BYTES_PER_FILE, MAX_RECORD_SIZE, Long.MAX_VALUE);
    }

    @Benchmark
    public void append() throws IOException {
        queue.put(record);
    }

    @TearDown(Level.Iteration)
    public void delete() throws IOException {
        queue.deleteFiles();
        dataPath.close();
    }
}
