package io.nsqj.broker.http;

import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.protocol.GoJson;
import io.nsqj.protocol.LocalHostname;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * nsqd's options by their config names (the "cfg" tag, else the flag name with '_' for '-'), as
 * /config/:opt reads them: the broker's value where it has the option, else nsqd's default (the broker
 * runs as nsqd does with that default: no TLS, no statsd, no auth). Go strings come back as is; other
 * types as the JSON Go would encode (durations in nanoseconds, log level as its number).
 */
final class OptionValues {
    /** A value Go would encode as JSON rather than write as is. */
    record Json(String text) {
    }

    private final Map<String, Supplier<Object>> options = new LinkedHashMap<>();

    OptionValues(BrokerOptions o, Supplier<Long> nodeId, LogLevels logLevels, Supplier<List<String>> lookupdAddresses,
                 String dataPath) {
        options.put("id", () -> json(nodeId.get()));
        options.put("log_level", () -> json(logLevels.current()));
        options.put("log_prefix", () -> "[nsqd] ");
        options.put("tcp_address", o::tcpAddress);
        options.put("http_address", o::httpAddress);
        options.put("https_address", () -> "0.0.0.0:4152");
        options.put("broadcast_address", () -> o.broadcastAddress().orElseGet(LocalHostname::get));
        options.put("broadcast_tcp_port", () -> json(o.broadcastTcpPort()));
        options.put("broadcast_http_port", () -> json(o.broadcastHttpPort()));
        options.put("nsqlookupd_tcp_addresses", () -> strings(lookupdAddresses.get()));
        options.put("auth_http_addresses", () -> strings(List.of()));
        options.put("auth_http_request_method", () -> "get");
        options.put("http_client_connect_timeout", () -> nanos(Duration.ofSeconds(2)));
        options.put("http_client_request_timeout", () -> nanos(Duration.ofSeconds(5)));
        options.put("topology_region", () -> "");
        options.put("topology_zone", () -> "");
        options.put("data_path", () -> dataPath);
        options.put("mem_queue_size", () -> json(o.memQueueSize()));
        options.put("max_bytes_per_file", () -> json(o.maxBytesPerFile()));
        options.put("sync_every", () -> json(o.syncEvery()));
        options.put("sync_timeout", () -> nanos(o.syncTimeout()));
        options.put("queue_scan_selection_count", () -> json(20));
        options.put("queue_scan_worker_pool_max", () -> json(4));
        options.put("msg_timeout", () -> nanos(o.msgTimeout()));
        options.put("max_msg_timeout", () -> nanos(o.maxMsgTimeout()));
        options.put("max_msg_size", () -> json(o.maxMsgSize()));
        options.put("max_body_size", () -> json(o.maxBodySize()));
        options.put("max_req_timeout", () -> nanos(o.maxReqTimeout()));
        options.put("max_heartbeat_interval", () -> nanos(o.maxHeartbeatInterval()));
        options.put("max_rdy_count", () -> json(o.maxRdyCount()));
        options.put("max_output_buffer_size", () -> json(o.maxOutputBufferSize()));
        options.put("max_output_buffer_timeout", () -> nanos(o.maxOutputBufferTimeout()));
        options.put("min_output_buffer_timeout", () -> nanos(o.minOutputBufferTimeout()));
        options.put("output_buffer_timeout", () -> nanos(o.outputBufferTimeout()));
        options.put("max_channel_consumers", () -> json(o.maxChannelConsumers()));
        options.put("statsd_address", () -> "");
        options.put("statsd_prefix", () -> "nsq.%s");
        options.put("statsd_interval", () -> nanos(Duration.ofSeconds(60)));
        options.put("statsd_mem_stats", () -> new Json("true"));
        options.put("statsd_udp_packet_size", () -> json(508));
        options.put("statsd_exclude_ephemeral", () -> new Json("false"));
        options.put("e2e_processing_latency_window_time", () -> nanos(Duration.ofMinutes(10)));
        options.put("e2e_processing_latency_percentiles", () -> new Json("[]"));
        options.put("tls_cert", () -> "");
        options.put("tls_key", () -> "");
        options.put("tls_client_auth_policy", () -> "");
        options.put("tls_root_ca_file", () -> "");
        options.put("tls_required", () -> json(0));
        options.put("tls_min_version", () -> json(0x0301));
        options.put("deflate", () -> new Json(Boolean.toString(o.deflate())));
        options.put("max_deflate_level", () -> json(o.maxDeflateLevel()));
        options.put("snappy", () -> new Json(Boolean.toString(o.snappy())));
        options.put("enable_experiment", () -> strings(List.of()));
    }

    /** A String (written as is), a {@link Json}, or null for an option nsqd does not have. */
    Object get(String name) {
        Supplier<Object> s = options.get(name);
        return s == null ? null : s.get();
    }

    private static Json json(long n) {
        return new Json(Long.toString(n));
    }

    private static Json nanos(Duration d) {
        return json(d.toNanos());
    }

    private static Json strings(List<String> values) {
        return new Json(new GoJson().stringArray(values).toString());
    }
}
