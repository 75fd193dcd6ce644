package io.nsqj.admin.config;

import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.NsqLogLevel;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nsqadmin's command-line flags to configuration properties ({@code --lookupd-http-address} to {@code nsqadmin.lookupd-http-address}). */
public final class FlagTranslation {
    public static final String VERSION_PROPERTY = "nsqadmin.version-requested";

    private static final Set<String> VALUE_FLAGS = Set.of("http-address", "lookupd-http-address",
            "nsqd-http-address", "log-level", "http-client-connect-timeout", "http-client-request-timeout");
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
            switch (name) {
                case "version" -> {
                    if (Boolean.parseBoolean(value)) {
                        props.put(VERSION_PROPERTY, "true");
                    }
                }
                case "log-level" -> props.put("quarkus.log.level", NsqLogLevel.parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("invalid log-level " + value)).name());
                // nsqadmin's repeatable flags: every occurrence counts
                case "lookupd-http-address", "nsqd-http-address" -> props.put("nsqadmin." + name, String.join(",", values));
                case "http-address" -> {
                    GoFlags.HostPort hp = GoFlags.hostPort(value);
                    props.put("quarkus.http.host", hp.host());
                    props.put("quarkus.http.port", Integer.toString(hp.port()));
                }
                default -> props.put("nsqadmin." + name, value);
            }
        });
        if (props.containsKey("nsqadmin.lookupd-http-address") && props.containsKey("nsqadmin.nsqd-http-address")) {
            // as nsqadmin: one source of nodes or the other, never both
            throw new IllegalArgumentException("use --lookupd-http-address or --nsqd-http-address not both");
        }
        return props;
    }
}
