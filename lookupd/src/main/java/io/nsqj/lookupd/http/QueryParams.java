package io.nsqj.lookupd.http;

import io.nsqj.protocol.http.ApiError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string read as Go's url.ParseQuery reads it. Any malformed pair (a bad %-escape, a ';' separator) makes
 * the whole request INVALID_REQUEST, as in nsqlookupd, even though other pairs parsed.
 */
final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new HashMap<>();
        boolean malformed = false;
        for (String pair : (rawQuery == null ? "" : rawQuery).split("&", -1)) {
            if (pair.contains(";")) {
                malformed = true;
                continue;
            }
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = UrlUnescaper.query(eq < 0 ? pair : pair.substring(0, eq));
            String value = UrlUnescaper.query(eq < 0 ? "" : pair.substring(eq + 1));
            if (key == null || value == null) {
                malformed = true;
                continue;
            }
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        if (malformed) {
            throw new ApiError(400, "INVALID_REQUEST");
        }
        return new QueryParams(values);
    }

    /** The first value of the key, or null when the key is absent (present but empty gives ""). */
    String get(String key) {
        List<String> v = values.get(key);
        return v == null ? null : v.get(0);
    }
}
