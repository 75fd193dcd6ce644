package io.nsqj.tools.tofile;

import io.nsqj.client.ClientConfig;
import io.nsqj.tools.cli.AppLogger;
import io.nsqj.tools.cli.ConsumerFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StopSignal;
import sun.misc.Signal;

/**
 * NSQ's nsq_to_file: writes every message of one or more topics to files, a line per message body, and FINs
 * a message only once its file is synced. SIGHUP closes the files (the next message opens new ones);
 * SIGINT/SIGTERM stop the consumers, write and FIN what is in flight, close the files and exit 0.
 */
public final class NsqToFile {
    static final String VERSION = "1.3.0";

    private NsqToFile() {
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = ToFileOptions.flags().parse(args);
        AppLogger log = AppLogger.fromFlags(flags);
        if (flags.getBool("version")) {
            System.out.println("nsq_to_file v" + VERSION);
            return;
        }
        ToFileOptions opts = ToFileOptions.from(flags);
        // as NSQ's, the tool's own -max-in-flight and user agent win over -consumer-opt
        ClientConfig config = ConsumerFlags.config(flags)
                .maxInFlight(opts.maxInFlight())
                .userAgent("nsq_to_file/" + VERSION + " nsqj-client/" + ClientConfig.VERSION)
                .build();
        StopSignal stop = StopSignal.install();
        TopicDiscoverer discoverer = new TopicDiscoverer(opts, config, log);
        Signal.handle(new Signal("HUP"), sig -> discoverer.hangup());
        discoverer.run(stop);
    }
}
