package io.nsqj.broker.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string read as Go's url.ParseQuery reads it: pairs split on '&amp;', '+' is a space, a key
 * without '=' has the empty value, and a bad escape or a ';' makes the whole query invalid (nsqd then answers
 * INVALID_REQUEST) while the other pairs are still kept.
 */
final class QueryParams {
    private final Map<String, List<String>> values;
    private final boolean valid;

    private QueryParams(Map<String, List<String>> values, boolean valid) {
        this.values = values;
        this.valid = valid;
    }

    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        boolean valid = true;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.indexOf(';') >= 0) {
                    valid = false;
                    continue;
                }
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
                String value = unescape(eq < 0 ? "" : pair.substring(eq + 1));
                if (key == null || value == null) {
                    valid = false;
                    continue;
                }
                values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            }
        }
        return new QueryParams(values, valid);
    }

    /** False when Go's ParseQuery would have returned an error. */
    boolean valid() {
        return valid;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The first value, or null when the key is absent (present with no value gives ""). */
    String first(String key) {
        List<String> v = values.get(key);
        return v == null ? null : v.get(0);
    }

    /** Go's QueryUnescape; null for a malformed escape. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%') {
                if (i + 2 >= in.length) {
                    return null;
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (b == '+') {
                bytes.write(' ');
            } else {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
