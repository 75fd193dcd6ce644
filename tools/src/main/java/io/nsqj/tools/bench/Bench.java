package io.nsqj.tools.bench;

import io.nsqj.protocol.GoFlags;
import io.nsqj.tools.cli.FlagSet;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * bench_writer and bench_reader at once, in one process (one clock): the readers subscribe first, the writers
 * publish at -rate for -runfor, the readers go on until every message came (or -drain-timeout). At a rate
 * below the peak, the latency printed is the broker's publish-to-delivery latency under that load.
 */
public final class Bench {
    private Bench() {
    }

    public static void run(String[] args) throws Exception {
        FlagSet flags = new FlagSet("bench")
                .duration("runfor", Duration.ofSeconds(10), "duration of time to publish")
                .string("nsqd-tcp-address", "127.0.0.1:4150", "<addr>:<port> to connect to nsqd")
                .string("topic", "sub_bench", "topic to publish and receive messages on")
                .string("channel", "ch", "channel to receive messages on")
                .integer("size", 200, "size of messages")
                .integer("batch-size", 200, "batch size of messages")
                .integer("concurrency", 4, "number of producer connections")
                .integer("consumers", 4, "number of consumer connections")
                .integer("rdy", 2500, "RDY count to use")
                .decimal("rate", 0, "messages per second over all producer connections (0 = as fast as possible)")
                .duration("drain-timeout", Duration.ofSeconds(60), "how long the readers may take after publishing ends")
                .parse(args);
        int size = flags.getInt("size");
        if (size < 8) {
            throw flags.usageError("--size must be at least 8: a message carries its send time");
        }
        if (flags.getInt("batch-size") < 1 || flags.getInt("concurrency") < 1 || flags.getInt("consumers") < 1
                || flags.getInt("rdy") < 1) {
            throw flags.usageError("--batch-size, --concurrency, --consumers and --rdy must be at least 1");
        }
        GoFlags.HostPort hp = GoFlags.hostPort(flags.getString("nsqd-tcp-address"));
        InetSocketAddress address = new InetSocketAddress(hp.host(), hp.port());
        Duration runFor = flags.getDuration("runfor");
        Consumers consumers = new Consumers(address, flags.getString("topic"), flags.getString("channel"),
                flags.getInt("rdy"), flags.getInt("consumers"), 0);
        Publishers publishers = new Publishers(address, flags.getString("topic"), size, flags.getInt("batch-size"),
                flags.getInt("concurrency"), flags.getDouble("rate"));
        consumers.start();
        publishers.start(runFor.toNanos(), 0, flags.getInt("batch-size"));
        long published = publishers.await();
        new BenchLog("bench_writer").throughput(publishers.durationNanos(), published, size);
        long drainEnd = System.nanoTime() + flags.getDuration("drain-timeout").toNanos();
        while (consumers.received() < published && System.nanoTime() - drainEnd < 0) {
            Thread.sleep(5);
        }
        long received = consumers.stopAfter(Duration.ZERO);
        BenchLog reader = new BenchLog("bench_reader");
        reader.throughput(consumers.durationNanos(), received, size);
        reader.latency(consumers.latencies());
    }
}
