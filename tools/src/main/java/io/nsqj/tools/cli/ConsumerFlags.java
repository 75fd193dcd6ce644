package io.nsqj.tools.cli;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.NsqException;

import java.util.List;

/**
 * The flags every consuming NSQ tool shares ({@code -nsqd-tcp-address}, {@code -lookupd-http-address},
 * {@code -max-in-flight}, {@code -consumer-opt}), their checks with NSQ's messages, and connecting with them.
 */
public final class ConsumerFlags {
    private ConsumerFlags() {
    }

    public static void define(FlagSet flags, int defaultMaxInFlight) {
        flags.strings("nsqd-tcp-address", "nsqd TCP address (may be given multiple times)")
                .strings("lookupd-http-address", "lookupd HTTP address (may be given multiple times)")
                .integer("max-in-flight", defaultMaxInFlight, "max number of messages to allow in flight")
                .strings("consumer-opt", "option to passthrough to nsq.Consumer (may be given multiple times, http://godoc.org/github.com/nsqio/go-nsq#Config)");
    }

    /** NSQ's checks: exactly one way to find nsqd. */
    public static void check(FlagSet flags) {
        boolean direct = !flags.getStrings("nsqd-tcp-address").isEmpty();
        boolean lookup = !flags.getStrings("lookupd-http-address").isEmpty();
        if (!direct && !lookup) {
            throw ToolExit.fatal("--nsqd-tcp-address or --lookupd-http-address required");
        }
        if (direct && lookup) {
            throw ToolExit.fatal("use --nsqd-tcp-address or --lookupd-http-address not both");
        }
    }

    /** The consumer's config from -max-in-flight and every -consumer-opt (which may override it). */
    public static ClientConfig.Builder config(FlagSet flags) {
        ClientConfig.Builder config = ClientConfig.builder().maxInFlight(flags.getInt("max-in-flight"));
        ClientOptions.apply(flags.getStrings("consumer-opt"), config);
        return config;
    }

    /**
     * Connects to the nsqd given or through the lookupds given. An nsqd that cannot be reached ends the tool
     * (status 1, as NSQ's tools do); a lookupd that does not answer is retried every poll, and logged.
     */
    public static void connect(Consumer consumer, FlagSet flags) {
        List<String> nsqds = flags.getStrings("nsqd-tcp-address");
        for (String nsqd : nsqds) {
            try {
                consumer.connectToNsqd(nsqd);
            } catch (NsqException | IllegalArgumentException e) {
                throw ToolExit.fatal("failed to connect to nsqd " + nsqd + " - " + e.getMessage());
            }
        }
        if (nsqds.isEmpty()) {
            try {
                consumer.connectToLookupd(flags.getStrings("lookupd-http-address").toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                throw ToolExit.fatal("invalid lookupd address - " + e.getMessage());
            }
        }
    }
}
