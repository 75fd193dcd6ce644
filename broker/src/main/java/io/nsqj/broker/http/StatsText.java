package io.nsqj.broker.http;

import io.nsqj.broker.BrokerVersion;
import io.nsqj.broker.core.ChannelStats;
import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.LatencySummary;
import io.nsqj.broker.core.TopicStats;
import io.nsqj.protocol.GoDuration;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** /stats without format=json: nsqd's printStats, line for line and column for column. */
final class StatsText {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private StatsText() {
    }

    /**
     * @param startMillis when the broker started
     * @param nowNanos    now, in nanoseconds since the epoch (uptime and client durations are measured to it)
     */
    static String render(StatsSnapshot stats, MemoryStats ms, String health, long startMillis, long nowNanos) {
        StringBuilder w = new StringBuilder(1024);
        w.append(BrokerVersion.describe("nsqd")).append('\n');
        w.append("start_time ")
                .append(RFC3339.format(Instant.ofEpochMilli(startMillis).atZone(ZoneId.systemDefault())))
                .append('\n');
        w.append("uptime ").append(GoDuration.format(nowNanos - startMillis * 1_000_000L)).append('\n');
        w.append("\nHealth: ").append(health).append('\n');

        if (ms != null) {
            w.append("\nMemory:\n");
            memoryLine(w, "heap_objects", ms.heapObjects());
            memoryLine(w, "heap_idle_bytes", ms.heapIdleBytes());
            memoryLine(w, "heap_in_use_bytes", ms.heapInUseBytes());
            memoryLine(w, "heap_released_bytes", ms.heapReleasedBytes());
            memoryLine(w, "gc_pause_usec_100", ms.gcPauseUsec100());
            memoryLine(w, "gc_pause_usec_99", ms.gcPauseUsec99());
            memoryLine(w, "gc_pause_usec_95", ms.gcPauseUsec95());
            memoryLine(w, "next_gc_bytes", ms.nextGcBytes());
            memoryLine(w, "gc_total_runs", ms.gcTotalRuns());
        }

        List<TopicStats> topics = stats.topics() == null ? List.of() : stats.topics();
        w.append(topics.isEmpty() ? "\nTopics: None\n" : "\nTopics:");
        for (TopicStats t : topics) {
            w.append('\n').append(t.paused() ? "*P " : "   ")
                    .append('[').append(pad(t.topicName(), 15)).append("] depth: ").append(pad(t.depth(), 5))
                    .append(" be-depth: ").append(pad(t.backendDepth(), 5))
                    .append(" msgs: ").append(pad(t.messageCount(), 8))
                    .append(" e2e%: ").append(latency(t.e2eProcessingLatency())).append('\n');
            for (ChannelStats c : t.channels()) {
                w.append(c.paused() ? "   *P " : "      ")
                        .append('[').append(pad(c.channelName(), 25)).append("] depth: ").append(pad(c.depth(), 5))
                        .append(" be-depth: ").append(pad(c.backendDepth(), 5))
                        .append(" inflt: ").append(pad(c.inFlightCount(), 4))
                        .append(" def: ").append(pad(c.deferredCount(), 4))
                        .append(" re-q: ").append(pad(c.requeueCount(), 5))
                        .append(" timeout: ").append(pad(c.timeoutCount(), 5))
                        .append(" msgs: ").append(pad(c.messageCount(), 8))
                        .append(" e2e%: ").append(latency(c.e2eProcessingLatency())).append('\n');
                if (stats.includeClients()) {
                    for (ClientStats client : c.clients()) {
                        w.append("        ").append(client(client, stats.topicFilter(), nowNanos)).append('\n');
                    }
                }
            }
        }

        List<ClientStats> producers = stats.producers();
        if (producers == null || producers.isEmpty()) {
            w.append("\nProducers: None\n");
        } else {
            w.append("\nProducers:\n");
            for (ClientStats p : producers) {
                w.append("   ").append(client(p, stats.topicFilter(), nowNanos)).append('\n');
            }
        }
        return w.toString();
    }

    private static void memoryLine(StringBuilder w, String name, long value) {
        w.append("   ").append(pad(name, 25)).append('\t').append(value).append('\n');
    }

    /** ClientV2Stats.String(): a producer line when it shows pub counts, else a consumer line. */
    static String client(ClientStats s, String topicFilter, long nowNanos) {
        String connected = GoDuration.format((nowNanos / 1_000_000_000L - s.connectTs()) * 1_000_000_000L);
        String address = s.remoteAddress();
        String port = address.substring(address.lastIndexOf(':') + 1);
        String id = s.hostname() + ":" + port + " " + s.userAgent();
        List<ClientStats.PubCount> pubs = StatsCollector.shownPubCounts(s, topicFilter);
        StringBuilder sb = new StringBuilder(160).append('[').append(s.version()).append(' ').append(pad(id, 21))
                .append("] ");
        if (!pubs.isEmpty()) {
            long total = pubs.stream().mapToLong(ClientStats.PubCount::count).sum();
            String topics = pubs.stream().map(p -> p.topic() + "=" + p.count()).collect(Collectors.joining(","));
            return sb.append("msgs: ").append(pad(total, 8)).append(" topics: ").append(topics)
                    .append(" connected: ").append(connected).toString();
        }
        return sb.append("state: ").append(s.state())
                .append(" inflt: ").append(pad(s.inFlightCount(), 4))
                .append(" rdy: ").append(pad(s.readyCount(), 4))
                .append(" fin: ").append(pad(s.finishCount(), 8))
                .append(" re-q: ").append(pad(s.requeueCount(), 8))
                .append(" msgs: ").append(pad(s.messageCount(), 8))
                .append(" connected: ").append(connected).toString();
    }

    /** quantile.Result.String(): the percentile values as human durations, comma-separated. */
    private static String latency(LatencySummary l) {
        if (l == null || l.percentiles() == null) {
            return "";
        }
        return l.percentiles().stream()
                .map(p -> nanosToHuman(p.getOrDefault("value", 0.0)))
                .collect(Collectors.joining(", "));
    }

    /** nsqd's stringy.NanoSecondToHuman. */
    private static String nanosToHuman(double v) {
        String suffix;
        if (v > 1_000_000_000) {
            v /= 1_000_000_000;
            suffix = "s";
        } else if (v > 1_000_000) {
            v /= 1_000_000;
            suffix = "ms";
        } else if (v > 1_000) {
            v /= 1_000;
            suffix = "us";
        } else {
            suffix = "ns";
        }
        return String.format(java.util.Locale.ROOT, "%.1f%s", v, suffix);
    }

    /** Go's %-Ns: left-aligned, padded with spaces to N characters (runes). */
    static String pad(String s, int width) {
        int n = s.codePointCount(0, s.length());
        return n >= width ? s : s + " ".repeat(width - n);
    }

    static String pad(long v, int width) {
        return pad(Long.toString(v), width);
    }
}
