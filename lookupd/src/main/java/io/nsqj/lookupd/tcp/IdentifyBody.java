package io.nsqj.lookupd.tcp;

import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.ErrorCodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON an nsqd sends with IDENTIFY, decoded with Go's encoding/json rules as nsqlookupd applies them: unknown
 * keys are ignored, keys match field names case-insensitively (an exact match wins), null leaves a field empty, and
 * a value of the wrong type (a string port, a fractional number) fails the whole body.
 */
public record IdentifyBody(String hostname, String broadcastAddress, long tcpPort, long httpPort, String version,
                           String topologyZone, String topologyRegion) {
    private static final String DECODE_FAILED = "IDENTIFY failed to decode JSON body";
    private static final String[] FIELDS = {
            "remote_address", "hostname", "broadcast_address", "tcp_port", "http_port", "version", "topology_zone",
            "topology_region"};

    public static IdentifyBody decode(byte[] body) throws ClientError {
        if (body.length == 0) {
            throw ClientError.fatal(ErrorCodes.E_BAD_BODY, DECODE_FAILED);
        }
        Object decoded;
        try {
            decoded = Json.decodeValue(Buffer.buffer(body));
        } catch (DecodeException e) {
            throw ClientError.fatal(ErrorCodes.E_BAD_BODY, DECODE_FAILED);
        }
        Fields fields = new Fields();
        if (decoded instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                String field = fieldFor(entry.getKey());
                if (field != null && entry.getValue() != null) {
                    fields.set(field, entry.getValue());
                }
            }
        } else if (decoded != null) {
            throw ClientError.fatal(ErrorCodes.E_BAD_BODY, DECODE_FAILED);
        }
        if (fields.failed) {
            throw ClientError.fatal(ErrorCodes.E_BAD_BODY, DECODE_FAILED);
        }
        return new IdentifyBody(fields.hostname, fields.broadcastAddress, fields.tcpPort, fields.httpPort,
                fields.version, fields.topologyZone, fields.topologyRegion);
    }

    /** nsqlookupd requires these; the others may be empty. */
    public boolean hasRequiredFields() {
        return !broadcastAddress.isEmpty() && tcpPort != 0 && httpPort != 0 && !version.isEmpty();
    }

    private static String fieldFor(String key) {
        for (String f : FIELDS) {
            if (f.equals(key)) {
                return f;
            }
        }
        String folded = key.toLowerCase(Locale.ROOT);
        for (String f : FIELDS) {
            if (f.equals(folded)) {
                return f;
            }
        }
        return null;
    }

    /** Decoding state: Go keeps decoding after a type error but still fails the body, so we note and go on. */
    private static final class Fields {
        String hostname = "";
        String broadcastAddress = "";
        long tcpPort;
        long httpPort;
        String version = "";
        String topologyZone = "";
        String topologyRegion = "";
        boolean failed;

        void set(String field, Object value) {
            switch (field) {
                // type-checked like the others, then replaced by the connection's real address as nsqlookupd does
                case "remote_address" -> text(value);
                case "hostname" -> hostname = text(value);
                case "broadcast_address" -> broadcastAddress = text(value);
                case "tcp_port" -> tcpPort = integer(value);
                case "http_port" -> httpPort = integer(value);
                case "version" -> version = text(value);
                case "topology_zone" -> topologyZone = text(value);
                case "topology_region" -> topologyRegion = text(value);
                default -> throw new IllegalStateException(field);
            }
        }

        private String text(Object value) {
            if (value instanceof String s) {
                return s;
            }
            failed = true;
            return "";
        }

        private long integer(Object value) {
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big && big.bitLength() < 64) {
                return big.longValue();
            }
            failed = true;
            return 0;
        }
    }
}
