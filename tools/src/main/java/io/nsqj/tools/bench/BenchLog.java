package io.nsqj.tools.bench;

import io.nsqj.protocol.GoDuration;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The benchmark's output, as NSQ's bench tools print it with Go's log package: on stderr, each line prefixed
 * "[bench_writer] 2006/01/02 15:04:05 ". NSQ's bench.py reads the "duration:" line; the lines after it
 * are ours, in fixed units so a script can read them too.
 */
final class BenchLog {
    static final String VERSION = "1.3.0";
    private static final DateTimeFormatter GO_LOG_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final String prefix;

    BenchLog(String tool) {
        this.prefix = "[" + tool + "] ";
    }

    void printf(String format, Object... args) {
        System.err.println(prefix + LocalDateTime.now().format(GO_LOG_TIME) + " " + String.format(Locale.ROOT, format, args));
    }

    /** NSQ's line (mb/s in MiB, us/op from whole microseconds), then messages, msg/s and MB/s (10^6 bytes). */
    void throughput(long durationNanos, long messages, int size) {
        double seconds = durationNanos / 1e9;
        long micros = durationNanos / 1000;
        printf("duration: %s - %.03fmb/s - %.03fops/s - %.03fus/op", GoDuration.format(durationNanos),
                messages * (double) size / seconds / 1024 / 1024, messages / seconds,
                messages == 0 ? 0.0 : micros / (double) messages);
        printf("messages: %d - %.03fmsg/s - %.03fMB/s", messages, messages / seconds, messages * (double) size / seconds / 1e6);
    }

    /** Publish-to-delivery latency percentiles, in milliseconds. */
    void latency(LatencyHistogram h) {
        if (h.count() == 0) {
            printf("latency: none recorded (messages of 8 bytes or more carry the send time)");
            return;
        }
        printf("latency: p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms (%d messages)",
                h.percentile(50) / 1e6, h.percentile(90) / 1e6, h.percentile(99) / 1e6, h.percentile(99.9) / 1e6,
                h.max() / 1e6, h.count());
    }
}
