package io.nsqj.lookupd.config;

import io.nsqj.protocol.DaemonFlags;
import io.nsqj.protocol.GoDuration;
import io.nsqj.protocol.LocalHostname;
import io.nsqj.protocol.NsqLogLevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nsqlookupd's command-line flags to configuration properties ({@code --tcp-address} to
 * {@code nsqlookupd.tcp-address}). Durations are read as Go reads them and handed on in ISO-8601, so "1m30s" and
 * "1.5h" mean what they mean to nsqlookupd.
 */
public final class FlagTranslation {
    public static final String VERSION_PROPERTY = "nsqlookupd.version-requested";

    /** Every flag nsqlookupd accepts here, with nsqlookupd's help text and default; -h prints them. */
    public static final DaemonFlags FLAGS = new DaemonFlags("nsqlookupd")
            .bool("version", false, "print version string")
            .value("log-level", "INFO", "set log verbosity: debug, info, warn, error, or fatal")
            .string("tcp-address", "0.0.0.0:4160", "<addr>:<port> to listen on for TCP clients")
            .string("http-address", "0.0.0.0:4161", "<addr>:<port> to listen on for HTTP clients")
            .string("broadcast-address", LocalHostname.get(), "address of this lookupd node, (default to the OS hostname)")
            .duration("inactive-producer-timeout", "5m0s", "duration of time a producer will remain in the active list since its last ping")
            .duration("tombstone-lifetime", "45s", "duration of time a producer will remain tombstoned if registration remains");
    private static final Set<String> DURATION_FLAGS = Set.of("inactive-producer-timeout", "tombstone-lifetime");

    private FlagTranslation() {
    }

    public static Map<String, String> toProperties(String[] args) {
        Map<String, List<String>> flags = FLAGS.parse(args);
        Map<String, String> props = new LinkedHashMap<>();
        flags.forEach((name, values) -> {
            String value = values.get(values.size() - 1);
            if (name.equals("version")) {
                if (Boolean.parseBoolean(value)) {
                    props.put(VERSION_PROPERTY, "true");
                }
            } else if (name.equals("log-level")) {
                props.put("quarkus.log.level", logLevel(value));
            } else if (DURATION_FLAGS.contains(name)) {
                props.put("nsqlookupd." + name, duration(name, value));
            } else {
                props.put("nsqlookupd." + name, value);
            }
        });
        return props;
    }

    private static String duration(String flag, String value) {
        try {
            return GoDuration.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value \"" + value + "\" for flag -" + flag + ": parse error");
        }
    }

    private static String logLevel(String nsqLevel) {
        return NsqLogLevel.parse(nsqLevel).orElseThrow(
                () -> new IllegalArgumentException("invalid value \"" + nsqLevel + "\" for flag -log-level")).name();
    }
}
