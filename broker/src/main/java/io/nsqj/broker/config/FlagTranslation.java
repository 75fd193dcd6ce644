package io.nsqj.broker.config;

import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.NsqLogLevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nsqd's command-line flags to configuration properties ({@code --mem-queue-size} to {@code nsqd.mem-queue-size}). */
public final class FlagTranslation {
    public static final String VERSION_PROPERTY = "nsqd.version-requested";

    private static final Set<String> VALUE_FLAGS = Set.of(
            "node-id", "tcp-address", "http-address", "https-address", "broadcast-address", "broadcast-tcp-port",
            "broadcast-http-port", "data-path", "mem-queue-size", "max-bytes-per-file", "sync-every",
            "sync-mode", "sync-timeout", "msg-timeout", "max-msg-timeout", "max-msg-size", "max-body-size",
            "max-req-timeout", "max-heartbeat-interval", "max-rdy-count", "max-output-buffer-size", "max-output-buffer-timeout",
            "min-output-buffer-timeout", "output-buffer-timeout", "max-channel-consumers", "max-deflate-level",
            "event-loops", "log-level", "lookupd-tcp-address", "tls-cert", "tls-key",
            "tls-root-ca-file", "tls-client-auth-policy", "tls-min-version", "auth-http-address",
            "auth-http-request-method", "http-client-connect-timeout", "http-client-request-timeout");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("deflate", "snappy", "version", "tls-required",
            "http-auth-required");

    private FlagTranslation() {
    }

    public static Map<String, String> toProperties(String[] args) {
        Set<String> known = new java.util.HashSet<>(VALUE_FLAGS);
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
                case "log-level" -> props.put("quarkus.log.level", logLevel(value));
                case "lookupd-tcp-address", "auth-http-address" ->
                        props.put("nsqd." + name, String.join(",", values));
                case "http-address" -> {
                    GoFlags.HostPort hp = GoFlags.hostPort(value);
                    props.put("nsqd.http-address", value);
                    props.put("quarkus.http.host", hp.host());
                    props.put("quarkus.http.port", Integer.toString(hp.port()));
                }
                default -> props.put("nsqd." + name, value);
            }
        });
        return props;
    }

    private static String logLevel(String nsqLevel) {
        return NsqLogLevel.parse(nsqLevel)
                .orElseThrow(() -> new IllegalArgumentException("invalid log-level " + nsqLevel)).name();
    }
}
