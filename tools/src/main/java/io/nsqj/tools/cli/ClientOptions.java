package io.nsqj.tools.cli;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.TlsSettings;
import io.nsqj.protocol.GoDuration;

import java.util.List;

/**
 * go-nsq's {@code -consumer-opt}/{@code -producer-opt} passthrough: {@code name,value} (a bare name means
 * true) with go-nsq's option names, applied to this client's config.
 */
public final class ClientOptions {
    private ClientOptions() {
    }

    /** Applies every option in order; an unknown name or a bad value ends the tool with status 1, as go-nsq's. */
    public static void apply(List<String> options, ClientConfig.Builder config) {
        for (String option : options) {
            int comma = option.indexOf(',');
            String name = comma < 0 ? option : option.substring(0, comma);
            String value = comma < 0 ? "true" : option.substring(comma + 1);
            try {
                set(config, name, value);
            } catch (IllegalArgumentException e) {
                throw ToolExit.fatal("failed to set option " + name + " - " + e.getMessage());
            }
        }
    }

    private static void set(ClientConfig.Builder c, String name, String value) {
        switch (name) {
            case "client_id" -> c.clientId(value);
            case "hostname" -> c.hostname(value);
            case "user_agent" -> c.userAgent(value);
            case "heartbeat_interval" -> c.heartbeatInterval(GoDuration.parse(value));
            case "msg_timeout" -> c.msgTimeout(GoDuration.parse(value));
            case "output_buffer_size" -> c.outputBufferSize(Integer.parseInt(value));
            case "output_buffer_timeout" -> c.outputBufferTimeout(GoDuration.parse(value));
            case "sample_rate" -> c.sampleRate(Integer.parseInt(value));
            case "dial_timeout" -> c.dialTimeout(GoDuration.parse(value));
            case "max_in_flight" -> c.maxInFlight(Integer.parseInt(value));
            case "max_attempts" -> c.maxAttempts(Integer.parseInt(value));
            case "default_requeue_delay" -> c.defaultRequeueDelay(GoDuration.parse(value));
            case "max_requeue_delay" -> c.maxRequeueDelay(GoDuration.parse(value));
            case "backoff_multiplier" -> c.backoffMultiplier(GoDuration.parse(value));
            case "max_backoff_duration" -> c.maxBackoffDuration(GoDuration.parse(value));
            case "lookupd_poll_interval" -> c.lookupdPollInterval(GoDuration.parse(value));
            case "lookupd_poll_jitter" -> c.lookupdPollJitter(Double.parseDouble(value));
            case "rdy_redistribute_interval" -> c.rdyRedistributeInterval(GoDuration.parse(value));
            case "low_rdy_idle_timeout" -> c.lowRdyIdleTimeout(GoDuration.parse(value));
            case "snappy" -> c.snappy(bool(value));
            case "deflate" -> c.deflate(bool(value));
            case "deflate_level" -> c.deflateLevel(Integer.parseInt(value));
            case "auth_secret" -> c.authSecret(value);
            case "tls_v1" -> {
                if (bool(value)) {
                    c.tls(TlsSettings.system());
                }
            }
            case "tls_insecure_skip_verify" -> {
                if (bool(value)) {
                    c.tls(TlsSettings.insecure());
                }
            }
            default -> throw new IllegalArgumentException("invalid option " + name);
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("invalid boolean " + value);
        };
    }
}
