package io.nsqj.lookupd.config;

import io.nsqj.protocol.GoDuration;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.NsqLogLevel;

import java.util.HashSet;
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

    private static final Set<String> VALUE_FLAGS = Set.of(
            "tcp-address", "http-address", "broadcast-address", "inactive-producer-timeout", "tombstone-lifetime",
            "log-level");
    private static final Set<String> DURATION_FLAGS = Set.of("inactive-producer-timeout", "tombstone-lifetime");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("version");

    private FlagTranslation() {
    }

    public static Map<String, String> toProperties(String[] args) {
        Set<String> known = new HashSet<>(VALUE_FLAGS);
        known.addAll(BOOLEAN_FLAGS);
        Map<String, List<String>> flags = GoFlags.parse(args, BOOLEAN_FLAGS, known);
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
