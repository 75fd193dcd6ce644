package io.nsqj.broker.config;

import io.nsqj.protocol.DaemonFlags;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.LocalHostname;
import io.nsqj.protocol.NsqLogLevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** nsqd's command-line flags to configuration properties ({@code --mem-queue-size} to {@code nsqd.mem-queue-size}). */
public final class FlagTranslation {
    public static final String VERSION_PROPERTY = "nsqd.version-requested";

    /** Every flag nsqd accepts here, with nsqd's help text and default; -h prints them. */
    public static final DaemonFlags FLAGS = new DaemonFlags("nsqd")
            .bool("version", false, "print version string")
            .value("log-level", "INFO", "set log verbosity: debug, info, warn, error, or fatal")
            .integer("node-id", DefaultNodeId.forHostname(LocalHostname.get()),
                    "unique part for message IDs, (int) in range [0,1024) (default is hash of hostname)")
            .string("https-address", "0.0.0.0:4152", "<addr>:<port> to listen on for HTTPS clients")
            .string("http-address", "0.0.0.0:4151", "address to listen on for HTTP clients (<addr>:<port> for TCP/IP or <path> for unix socket)")
            .string("tcp-address", "0.0.0.0:4150", "address to listen on for TCP clients (<addr>:<port> for TCP/IP or <path> for unix socket)")
            .value("auth-http-address", "", "<addr>:<port> or a full url to query auth server (may be given multiple times)")
            .string("auth-http-request-method", "get", "HTTP method for auth server queries: get or post (not an nsqd 1.3 flag)")
            .bool("http-auth-required", false, "/pub and /mpub need an auth secret granting publish on the topic (not an nsqd flag)")
            .string("broadcast-address", LocalHostname.get(), "address that will be registered with lookupd (defaults to the OS hostname)")
            .integer("broadcast-tcp-port", 0, "TCP port that will be registered with lookupd (defaults to the TCP port that this nsqd is listening on)")
            .integer("broadcast-http-port", 0, "HTTP port that will be registered with lookupd (defaults to the HTTP port that this nsqd is listening on)")
            .value("lookupd-tcp-address", "", "lookupd TCP address (may be given multiple times)")
            .duration("http-client-connect-timeout", "2s", "timeout for HTTP connect")
            .duration("http-client-request-timeout", "5s", "timeout for HTTP request")
            .string("data-path", "", "path to store disk-backed messages")
            .integer("mem-queue-size", 10000, "number of messages to keep in memory (per topic/channel)")
            .integer("max-bytes-per-file", 104857600, "number of bytes per diskqueue file before rolling")
            .integer("sync-every", 2500, "number of messages per diskqueue fsync")
            .duration("sync-timeout", "2s", "duration of time per diskqueue fsync")
            .string("sync-mode", "interval", "interval (fsync per --sync-every/--sync-timeout) or always (fsync before OK) (not an nsqd flag)")
            .duration("msg-timeout", "1m0s", "default duration to wait before auto-requeing a message")
            .duration("max-msg-timeout", "15m0s", "maximum duration before a message will timeout")
            .integer("max-msg-size", 1048576, "maximum size of a single message in bytes")
            .duration("max-req-timeout", "1h0m0s", "maximum requeuing timeout for a message")
            .integer("max-body-size", 5242880, "maximum size of a single command body")
            .duration("max-heartbeat-interval", "1m0s", "maximum client configurable duration of time between client heartbeats")
            .integer("max-rdy-count", 2500, "maximum RDY count for a client")
            .integer("max-output-buffer-size", 65536, "maximum client configurable size (in bytes) for a client output buffer")
            .duration("max-output-buffer-timeout", "30s", "maximum client configurable duration of time between flushing to a client")
            .duration("min-output-buffer-timeout", "25ms", "minimum client configurable duration of time between flushing to a client")
            .duration("output-buffer-timeout", "250ms", "default duration of time between flushing data to clients")
            .integer("max-channel-consumers", 0, "maximum channel consumer connection count per nsqd instance (default 0, i.e., unlimited)")
            .string("tls-cert", "", "path to certificate file")
            .string("tls-key", "", "path to key file")
            .string("tls-client-auth-policy", "", "client certificate auth policy ('require' or 'require-verify')")
            .string("tls-root-ca-file", "", "path to certificate authority file")
            .bool("tls-required", false, "require TLS for client connections (true, false, tcp-https)")
            .value("tls-min-version", "tls1.0", "minimum SSL/TLS version acceptable ('ssl3.0', 'tls1.0', 'tls1.1', 'tls1.2' or 'tls1.3')")
            .bool("deflate", true, "enable deflate feature negotiation (client compression)")
            .integer("max-deflate-level", 6, "max deflate compression level a client can negotiate (> values == > nsqd CPU usage)")
            .bool("snappy", true, "enable snappy feature negotiation (client compression)")
            .integer("event-loops", 0, "event loops serving TCP clients and owning topics (default 0, i.e., one per core) (not an nsqd flag)");

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
