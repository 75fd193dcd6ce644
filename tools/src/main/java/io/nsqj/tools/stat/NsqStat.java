package io.nsqj.tools.stat;

import io.nsqj.protocol.GoStrings;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;
import sun.misc.Signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * NSQ's nsq_stat: every -interval, one line of a channel's rates, depths and counters summed over every nsqd
 * that has its topic. Ends after -count reports, at SIGINT/SIGTERM/SIGHUP, or (status 1, as NSQ's) at the
 * first query that fails.
 */
public final class NsqStat {
    static final String VERSION = "1.3.0";

    private NsqStat() {
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = new FlagSet("nsq_stat")
                .bool("version", false, "print version")
                .string("topic", "", "NSQ topic")
                .string("channel", "", "NSQ channel")
                .duration("interval", Duration.ofSeconds(2), "duration of time between polling/printing output")
                .duration("http-client-connect-timeout", Duration.ofSeconds(2), "timeout for HTTP connect")
                .duration("http-client-request-timeout", Duration.ofSeconds(5), "timeout for HTTP request")
                .strings("count", "number of reports")
                .strings("nsqd-http-address", "nsqd HTTP address (may be given multiple times)")
                .strings("lookupd-http-address", "lookupd HTTP address (may be given multiple times)");
        flags.parse(args);
        Integer count = count(flags);

        if (flags.getBool("version")) {
            System.out.println("nsq_stat v" + VERSION);
            return;
        }
        String topic = flags.getString("topic");
        String channel = flags.getString("channel");
        if (topic.isEmpty() || channel.isEmpty()) {
            throw ToolExit.fatal("--topic and --channel are required");
        }
        Duration interval = positive(flags, "interval");
        Duration connectTimeout = positive(flags, "http-client-connect-timeout");
        Duration requestTimeout = positive(flags, "http-client-request-timeout");
        if (count != null && count <= 0) {
            throw ToolExit.fatal("--count should be positive");
        }
        List<String> nsqds = flags.getStrings("nsqd-http-address");
        List<String> lookupds = flags.getStrings("lookupd-http-address");
        if (nsqds.isEmpty() && lookupds.isEmpty()) {
            throw ToolExit.fatal("--nsqd-http-address or --lookupd-http-address required");
        }
        if (!nsqds.isEmpty() && !lookupds.isEmpty()) {
            throw ToolExit.fatal("use --nsqd-http-address or --lookupd-http-address not both");
        }
        checkAddresses(nsqds, "nsqd-http-address");
        checkAddresses(lookupds, "lookupd-http-address");

        StopSignal stop = StopSignal.install();
        Signal.handle(new Signal("HUP"), sig -> stop.trigger());
        ClusterStats cluster = new ClusterStats(new V1Client(connectTimeout, requestTimeout));
        ChannelTotals before = null;
        // as NSQ's: the first poll only sets the baseline, so -count N prints N rows
        for (int i = 0; count == null || count >= i; i++) {
            ChannelTotals now = poll(cluster, topic, channel, nsqds, lookupds);
            if (i % StatTable.HEADER_EVERY == 0) {
                System.out.println(StatTable.header());
            }
            if (before != null) {
                System.out.println(StatTable.row(before, now, interval));
            }
            before = now;
            if (stop.await(interval)) {
                return;
            }
        }
    }

    private static ChannelTotals poll(ClusterStats cluster, String topic, String channel, List<String> nsqds,
                                      List<String> lookupds) throws InterruptedException {
        List<String> producers;
        try {
            producers = lookupds.isEmpty() ? cluster.producersFromNsqd(topic, nsqds) : cluster.producersFromLookupd(topic, lookupds);
        } catch (ClusterStats.ClusterException e) {
            throw ToolExit.fatal("ERROR: failed to get topic producers - " + e.getMessage());
        }
        Map<String, ChannelTotals> channels;
        try {
            channels = cluster.channels(producers, topic, channel);
        } catch (ClusterStats.ClusterException e) {
            throw ToolExit.fatal("ERROR: failed to get nsqd stats - " + e.getMessage());
        }
        ChannelTotals totals = channels.get(channel);
        if (totals == null) {
            throw ToolExit.fatal("ERROR: failed to find channel(" + channel + ") in stats metadata for topic(" + topic + ")");
        }
        return totals;
    }

    /** NSQ's -count is a flag of its own type: an int32, and set or not (no default). */
    private static Integer count(FlagSet flags) {
        List<String> given = flags.getStrings("count");
        if (given.isEmpty()) {
            return null;
        }
        String value = given.get(given.size() - 1);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            String why = value.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            throw flags.usageError("invalid value \"" + value + "\" for flag -count: strconv.ParseInt: parsing "
                    + GoStrings.quote(value) + ": " + why);
        }
    }

    private static Duration positive(FlagSet flags, String name) {
        Duration d = flags.getDuration(name);
        if (d.isNegative() || d.isZero()) {
            throw ToolExit.fatal("--" + name + " should be positive");
        }
        return d;
    }

    private static void checkAddresses(List<String> addresses, String flag) {
        for (String a : addresses) {
            if (a.startsWith("http")) {
                throw ToolExit.fatal("--" + flag + " error - address should not contain scheme");
            }
        }
    }
}
