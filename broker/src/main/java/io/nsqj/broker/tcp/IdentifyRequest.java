package io.nsqj.broker.tcp;

import io.vertx.core.json.JsonObject;

/** IDENTIFY's JSON body with nsqd's field names; absent fields take Go's zero values. */
record IdentifyRequest(
        String clientId,
        String hostname,
        int heartbeatInterval,
        int outputBufferSize,
        int outputBufferTimeout,
        boolean featureNegotiation,
        boolean tlsV1,
        boolean deflate,
        int deflateLevel,
        boolean snappy,
        int sampleRate,
        String userAgent,
        int msgTimeout,
        String topologyRegion,
        String topologyZone) {

    /** Throws on a value of the wrong JSON type, as Go's json.Unmarshal does. */
    static IdentifyRequest parse(JsonObject json) {
        return new IdentifyRequest(
                string(json, "client_id"),
                string(json, "hostname"),
                integer(json, "heartbeat_interval"),
                integer(json, "output_buffer_size"),
                integer(json, "output_buffer_timeout"),
                bool(json, "feature_negotiation"),
                bool(json, "tls_v1"),
                bool(json, "deflate"),
                integer(json, "deflate_level"),
                bool(json, "snappy"),
                integer(json, "sample_rate"),
                string(json, "user_agent"),
                integer(json, "msg_timeout"),
                string(json, "topology_region"),
                string(json, "topology_zone"));
    }

    private static String string(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return s;
    }

    private static int integer(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(key + " is not an integer");
        }
        return n.intValue();
    }

    private static boolean bool(JsonObject json, String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(key + " is not a boolean");
        }
        return b;
    }
}
