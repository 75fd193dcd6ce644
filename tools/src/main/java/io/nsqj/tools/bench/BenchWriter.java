package io.nsqj.tools.bench;

import io.nsqj.protocol.GoFlags;
import io.nsqj.tools.cli.FlagSet;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * NSQ's bench_writer: MPUBs batches of same-size messages on several connections for a while, then prints
 * the throughput. It speaks the protocol's bytes itself (see {@link PublishConnection}) so that the broker is
 * what is measured. Each body starts with its send time, for bench_reader's latency.
 */
public final class BenchWriter {
    private BenchWriter() {
    }

    public static void run(String[] args) throws Exception {
        FlagSet flags = new FlagSet("bench_writer")
                .duration("runfor", Duration.ofSeconds(10), "duration of time to run")
                .string("nsqd-tcp-address", "127.0.0.1:4150", "<addr>:<port> to connect to nsqd")
                .string("topic", "sub_bench", "topic to receive messages on")
                .integer("size", 200, "size of messages")
                .integer("batch-size", 200, "batch size of messages")
                .string("deadline", "", "deadline to start the benchmark run")
                .integer("concurrency", Runtime.getRuntime().availableProcessors(), "number of producer connections")
                .decimal("rate", 0, "messages per second over all connections (0 = as fast as possible)")
                .integer("n", 0, "stop after about this many messages (whole batches on each connection), before -runfor is over (0 = run for -runfor)")
                .parse(args);
        int size = flags.getInt("size");
        int batchSize = flags.getInt("batch-size");
        int concurrency = flags.getInt("concurrency");
        if (size < 1 || batchSize < 1 || concurrency < 1) {
            throw flags.usageError("--size, --batch-size and --concurrency must be at least 1");
        }
        BenchLog log = new BenchLog("bench_writer");
        GoFlags.HostPort hp = GoFlags.hostPort(flags.getString("nsqd-tcp-address"));
        Publishers publishers = new Publishers(new InetSocketAddress(hp.host(), hp.port()), flags.getString("topic"),
                size, batchSize, concurrency, flags.getDouble("rate"));
        StartDeadline.sleepUntil(flags.getString("deadline"), log);
        publishers.start(flags.getDuration("runfor").toNanos(), flags.getLong("n"), batchSize);
        long messages = publishers.await();
        log.throughput(publishers.durationNanos(), messages, size);
    }
}
