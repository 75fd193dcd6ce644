package io.nsqj.client;

import io.vertx.core.json.JsonObject;

/** What nsqd answered to IDENTIFY with feature negotiation; an nsqd that answers plain "OK" gets the defaults. */
record IdentifyResponse(int maxRdyCount, long msgTimeoutMillis, boolean authRequired, String version,
                        boolean tlsV1, boolean snappy, boolean deflate, int deflateLevel) {
    /** nsqd's --max-rdy-count default, assumed when it does not tell. */
    static final int DEFAULT_MAX_RDY_COUNT = 2500;
    static final IdentifyResponse PLAIN_OK = new IdentifyResponse(DEFAULT_MAX_RDY_COUNT, 60_000, false, "",
            false, false, false, 0);

    static IdentifyResponse parse(String answer) {
        if (answer.equals("OK")) {
            return PLAIN_OK;
        }
        JsonObject json = new JsonObject(answer);
        return new IdentifyResponse(
                json.getInteger("max_rdy_count", DEFAULT_MAX_RDY_COUNT),
                json.getLong("msg_timeout", 60_000L),
                json.getBoolean("auth_required", false),
                json.getString("version", ""),
                json.getBoolean("tls_v1", false),
                json.getBoolean("snappy", false),
                json.getBoolean("deflate", false),
                json.getInteger("deflate_level", 6));
    }
}
