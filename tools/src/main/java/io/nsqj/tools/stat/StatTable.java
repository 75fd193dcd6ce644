package io.nsqj.tools.stat;

import java.time.Duration;

/**
 * nsq_stat's table, column for column as NSQ prints it: rates in messages a second over the interval
 * (egress is what left the channel: new messages less its depth's growth), then depths and counters.
 */
final class StatTable {
    /** The header comes again every this many reports. */
    static final int HEADER_EVERY = 25;

    private StatTable() {
    }

    static String header() {
        return "------rate------+----------------depth----------------+--------------metadata---------------\n"
                + String.format("%7s %7s | %7s %7s %7s %5s %5s | %7s %7s %12s %7s",
                "ingress", "egress", "total", "mem", "disk", "inflt", "def", "req", "t-o", "msgs", "clients");
    }

    static String row(ChannelTotals before, ChannelTotals now, Duration interval) {
        double seconds = interval.toNanos() / 1e9;
        long ingress = (long) ((now.messages() - before.messages()) / seconds);
        long egress = (long) ((now.messages() - before.messages() - (now.depth() - before.depth())) / seconds);
        return String.format("%7d %7d | %7d %7d %7d %5d %5d | %7d %7d %12d %7d",
                ingress, egress, now.depth(), now.memoryDepth(), now.backendDepth(), now.inFlight(),
                now.deferred(), now.requeued(), now.timedOut(), now.messages(), now.clients());
    }
}
