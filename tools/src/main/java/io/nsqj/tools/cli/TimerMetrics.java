package io.nsqj.tools.cli;

import java.time.Duration;
import java.util.Arrays;

/**
 * bitly's timer_metrics, as nsq_to_http and nsq_to_nsq log their status: the last {@code statusEvery}
 * durations kept in a ring, and every {@code statusEvery} records a line
 * {@code <prefix> finished <n> - 99th: 1.23ms - 95th: 1.00ms - avg: 0.50ms}. Zero disables it.
 * Thread-safe: records from many handler threads meet under this object's lock.
 */
public final class TimerMetrics {
    private final int statusEvery;
    private final String prefix;
    private final long[] timings;
    private int length;
    private int position;

    public TimerMetrics(int statusEvery, String prefix) {
        this.statusEvery = Math.max(0, statusEvery);
        this.prefix = prefix;
        this.timings = new long[this.statusEvery];
        if (statusEvery > 0 && statusEvery < 100) {
            StdLog.printf("Warning: use more than 100 status values for accurate percentiles (configured with %d)", statusEvery);
        }
    }

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()}). */
    public void status(long startNanos) {
        if (statusEvery == 0) {
            return;
        }
        record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public void record(Duration duration) {
        if (statusEvery == 0) {
            return;
        }
        String line;
        synchronized (this) {
            position++;
            boolean looped = false;
            if (position > statusEvery) {
                looped = true;
                position = 1;
            }
            timings[position - 1] = duration.toNanos();
            length = Math.max(length, position);
            if (!looped) {
                return;
            }
            line = stats();
        }
        StdLog.printf("%s", line);
    }

    private String stats() {
        long[] sorted = Arrays.copyOf(timings, length);
        Arrays.sort(sorted);
        long total = 0;
        for (long t : sorted) {
            total += t;
        }
        long avg = length == 0 ? 0 : total / length;
        return String.format("%s finished %d - 99th: %.02fms - 95th: %.02fms - avg: %.02fms",
                prefix, length, millis(percentile(99, sorted)), millis(percentile(95, sorted)), millis(avg));
    }

    private static long percentile(double perc, long[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(perc / 100.0 * sorted.length + 0.5);
        return sorted[Math.min(index, sorted.length - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
