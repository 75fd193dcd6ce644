package io.nsqj.tools.nsqtonsq;

import io.nsqj.protocol.GoFloats;

import io.nsqj.protocol.GoJson;
import io.nsqj.tools.cli.StdLog;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * nsq_to_nsq's JSON options: {@code -require-json-field} (and {@code -require-json-value}) pass only the
 * messages that have the field (with that value), {@code -whitelist-json-field} keeps only the fields named,
 * re-encoded as Go's encoding/json encodes a map. Immutable, so shared by every handler thread.
 */
final class JsonFilter {
    /** A message that must come back later (NSQ's "backoff"): it lacks the field whose value is required. */
    static final class BackoffException extends Exception {
        BackoffException() {
            super("backoff", null, false, false);
        }
    }

    private final String requireField;
    private final String requireValue;
    private final Double requireNumber;
    private final List<String> whitelist;

    JsonFilter(String requireField, String requireValue, List<String> whitelist) {
        this.requireField = requireField;
        this.requireValue = requireValue;
        this.requireNumber = parseNumber(requireValue);
        this.whitelist = List.copyOf(whitelist);
    }

    boolean isActive() {
        return !requireField.isEmpty() || !whitelist.isEmpty();
    }

    /** The body to publish, or empty for a message to FIN without publishing. */
    Optional<byte[]> apply(byte[] body) throws BackoffException {
        if (!isActive()) {
            return Optional.of(body);
        }
        JsonObject js;
        try {
            js = new JsonObject(new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            StdLog.printf("ERROR: Unable to decode json: %s", new String(body, StandardCharsets.UTF_8));
            return Optional.empty();
        }
        if (!passes(js)) {
            return Optional.empty();
        }
        return Optional.of(whitelist.isEmpty() ? body : whitelisted(js));
    }

    private boolean passes(JsonObject js) throws BackoffException {
        if (requireField.isEmpty()) {
            return true;
        }
        if (!js.containsKey(requireField)) {
            if (!requireValue.isEmpty()) {
                StdLog.printf("ERROR: missing field to check required value");
                throw new BackoffException();
            }
            return false;
        }
        if (requireValue.isEmpty()) {
            return true;
        }
        Object v = js.getValue(requireField);
        if (v instanceof String s) {
            return s.equals(requireValue);
        }
        // Go reads every JSON number as a float64: so do the comparisons
        return requireNumber != null && v instanceof Number n && n.doubleValue() == requireNumber;
    }

    private static Double parseNumber(String s) {
        try {
            return s.isEmpty() ? null : Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private byte[] whitelisted(JsonObject js) {
        Map<String, Object> kept = new TreeMap<>();
        for (String key : whitelist) {
            if (js.containsKey(key)) {
                kept.put(key, js.getValue(key));
            }
        }
        GoJson out = new GoJson().beginObject();
        for (Map.Entry<String, Object> e : kept.entrySet()) {
            out.name(e.getKey());
            Object v = e.getValue();
            // NSQ writes a whole number at the top level as an integer, not as Go prints a float64
            if (v instanceof Number n && isWhole(n.doubleValue())) {
                out.value((long) n.doubleValue());
            } else {
                write(out, v);
            }
        }
        return out.endObject().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isWhole(double d) {
        return (double) (long) d == d;
    }

    private static void write(GoJson out, Object v) {
        if (v == null) {
            out.nullValue();
        } else if (v instanceof String s) {
            out.value(s);
        } else if (v instanceof Boolean b) {
            out.value(b);
        } else if (v instanceof Number n) {
            out.rawNumber(GoFloats.format(n.doubleValue()));
        } else if (v instanceof JsonObject o) {
            out.beginObject();
            for (Map.Entry<String, Object> e : new TreeMap<>(o.getMap()).entrySet()) {
                out.name(e.getKey());
                write(out, wrap(e.getValue()));
            }
            out.endObject();
        } else if (v instanceof JsonArray a) {
            out.beginArray();
            for (int i = 0; i < a.size(); i++) {
                write(out, a.getValue(i));
            }
            out.endArray();
        } else {
            out.value(v.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Object v) {
        if (v instanceof Map<?, ?> m) {
            return new JsonObject((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return new JsonArray(new ArrayList<>(l));
        }
        return v;
    }
}
