package io.nsqj.tools.bench;

import io.nsqj.protocol.GoFlags;
import io.nsqj.tools.cli.FlagSet;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * NSQ's bench_reader: consumes a topic's channel on several connections with a high RDY, FINishing every
 * message, for a while (or, with -n, until that many came), then prints the throughput and the
 * publish-to-delivery latency of messages bench_writer stamped.
 */
public final class BenchReader {
    private BenchReader() {
    }

    public static void run(String[] args) throws Exception {
        FlagSet flags = new FlagSet("bench_reader")
                .duration("runfor", Duration.ofSeconds(10), "duration of time to run")
                .string("nsqd-tcp-address", "127.0.0.1:4150", "<addr>:<port> to connect to nsqd")
                .integer("size", 200, "size of messages")
                .string("topic", "sub_bench", "topic to receive messages on")
                .string("channel", "ch", "channel to receive messages on")
                .string("deadline", "", "deadline to start the benchmark run")
                .integer("rdy", 2500, "RDY count to use")
                .integer("concurrency", Runtime.getRuntime().availableProcessors(), "number of consumer connections")
                .integer("n", 0, "stop once this many messages came, before -runfor is over (0 = run for -runfor)")
                .parse(args);
        int concurrency = flags.getInt("concurrency");
        if (concurrency < 1 || flags.getInt("rdy") < 1) {
            throw flags.usageError("--concurrency and --rdy must be at least 1");
        }
        BenchLog log = new BenchLog("bench_reader");
        GoFlags.HostPort hp = GoFlags.hostPort(flags.getString("nsqd-tcp-address"));
        Consumers consumers = new Consumers(new InetSocketAddress(hp.host(), hp.port()), flags.getString("topic"),
                flags.getString("channel"), flags.getInt("rdy"), concurrency, flags.getLong("n"));
        StartDeadline.sleepUntil(flags.getString("deadline"), log);
        consumers.start();
        long messages = consumers.stopAfter(flags.getDuration("runfor"));
        log.throughput(consumers.durationNanos(), messages, flags.getInt("size"));
        log.latency(consumers.latencies());
    }
}
