package io.nsqj.protocol.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string read as Go's url.ParseQuery reads it: pairs split on '&amp;', '+' is a space, a key
 * without '=' has the empty value, and a bad escape or a ';' makes the whole query invalid while the other
 * pairs are still kept (nsqd's /stats reads those; NSQ's http_api.NewReqParams refuses the query instead).
 */
public final class QueryParams {
    private final Map<String, List<String>> values;
    private final boolean valid;

    private QueryParams(Map<String, List<String>> values, boolean valid) {
        this.values = values;
        this.valid = valid;
    }

    public static QueryParams parse(String rawQuery) {
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
                String key = UrlUnescaper.query(eq < 0 ? pair : pair.substring(0, eq));
                String value = UrlUnescaper.query(eq < 0 ? "" : pair.substring(eq + 1));
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
    public boolean valid() {
        return valid;
    }

    /** http_api.NewReqParams: a query Go cannot parse is INVALID_REQUEST. */
    public QueryParams requireValid() {
        if (!valid) {
            throw new ApiError(400, "INVALID_REQUEST");
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The first value, or null when the key is absent (present with no value gives ""). */
    public String first(String key) {
        List<String> v = values.get(key);
        return v == null ? null : v.get(0);
    }

    /** http_api.ReqParams.Get: the first value; an absent key is a 400 with the handler's message. */
    public String required(String key, String missingMessage) {
        String v = first(key);
        if (v == null) {
            throw new ApiError(400, missingMessage);
        }
        return v;
    }
}
