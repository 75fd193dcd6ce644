package io.nsqj.admin.config;

import io.nsqj.protocol.DaemonFlags;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.NsqLogLevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** nsqadmin's command-line flags to configuration properties ({@code --lookupd-http-address} to {@code nsqadmin.lookupd-http-address}). */
public final class FlagTranslation {
    public static final String VERSION_PROPERTY = "nsqadmin.version-requested";

    /** Every flag nsqadmin accepts here, with nsqadmin's help text and default; -h prints them. */
    public static final DaemonFlags FLAGS = new DaemonFlags("nsqadmin")
            .bool("version", false, "print version string")
            .value("log-level", "INFO", "set log verbosity: debug, info, warn, error, or fatal")
            .string("http-address", "0.0.0.0:4171", "<addr>:<port> to listen on for HTTP clients")
            .duration("http-client-connect-timeout", "2s", "timeout for HTTP connect")
            .duration("http-client-request-timeout", "5s", "timeout for HTTP request")
            .value("lookupd-http-address", "", "lookupd HTTP address (may be given multiple times)")
            .value("nsqd-http-address", "", "nsqd HTTP address (may be given multiple times)");

    private FlagTranslation() {
    }

    public static Map<String, String> toProperties(String[] args) {
        Map<String, List<String>> flags = FLAGS.parse(args);
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
