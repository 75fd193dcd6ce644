package io.nsqj.protocol.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A daemon's routes by method, looked up as julienschmidt/httprouter does: an exact match; else a redirect to
 * the path with its trailing slash toggled, or to its case-insensitive, cleaned form; else 405 with Allow
 * when another method has the path; else 404. Patterns are static segments and ":name" parameters. The table
 * finds the route, the redirect target or the Allow header; each daemon writes the answer.
 */
public final class RouteTable<H> {
    private final Map<String, List<Route<H>>> byMethod = new LinkedHashMap<>();

    public record Route<H>(String method, String pattern, String[] segments, H handler) {
    }

    public record Match<H>(Route<H> route, Map<String, String> params) {
    }

    public void add(String method, String pattern, H handler) {
        byMethod.computeIfAbsent(method, m -> new ArrayList<>())
                .add(new Route<>(method, pattern, pattern.split("/", -1), handler));
    }

    public boolean hasMethod(String method) {
        return byMethod.containsKey(method);
    }

    public Match<H> find(String method, String path) {
        List<Route<H>> routes = byMethod.get(method);
        if (routes == null) {
            return null;
        }
        String[] segments = path.split("/", -1);
        for (Route<H> r : routes) {
            Map<String, String> params = match(r.segments(), segments, false);
            if (params != null) {
                return new Match<>(r, params);
            }
        }
        return null;
    }

    /** httprouter's trailing-slash recommendation: the path with its last slash added or removed. */
    public String trailingSlashRedirect(String method, String path) {
        String other;
        if (path.length() > 1 && path.endsWith("/")) {
            other = path.substring(0, path.length() - 1);
        } else {
            other = path + "/";
        }
        return find(method, other) != null ? other : null;
    }

    /** httprouter's RedirectFixedPath: the cleaned path matched ignoring case (and a trailing slash). */
    public String fixedPath(String method, String path) {
        List<Route<H>> routes = byMethod.get(method);
        if (routes == null) {
            return null;
        }
        String cleaned = GoPaths.clean(path);
        List<String> candidates = new ArrayList<>(2);
        candidates.add(cleaned);
        if (cleaned.length() > 1 && cleaned.endsWith("/")) {
            candidates.add(cleaned.substring(0, cleaned.length() - 1));
        } else {
            candidates.add(cleaned + "/");
        }
        for (String candidate : candidates) {
            String[] segments = candidate.split("/", -1);
            for (Route<H> r : routes) {
                if (match(r.segments(), segments, true) != null) {
                    return rebuild(r.segments(), segments);
                }
            }
        }
        return null;
    }

    /**
     * httprouter v1.3.0's Allow header for a path the request's method has no route for: the other methods that
     * have it and OPTIONS, sorted (router.go, allowed); null when no other method has the path.
     */
    public String allowHeader(String path, String requestMethod) {
        TreeSet<String> allowed = new TreeSet<>();
        for (String method : byMethod.keySet()) {
            if (!method.equals(requestMethod) && !method.equals("OPTIONS") && find(method, path) != null) {
                allowed.add(method);
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        allowed.add("OPTIONS");
        return String.join(", ", allowed);
    }

    private static Map<String, String> match(String[] pattern, String[] path, boolean ignoreCase) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = Map.of();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            String s = path[i];
            if (p.startsWith(":")) {
                if (s.isEmpty()) {
                    return null;
                }
                if (params.isEmpty()) {
                    params = new LinkedHashMap<>();
                }
                params.put(p.substring(1), s);
            } else if (ignoreCase ? !p.equalsIgnoreCase(s) : !p.equals(s)) {
                return null;
            }
        }
        return params;
    }

    private static String rebuild(String[] pattern, String[] path) {
        String[] out = new String[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            out[i] = pattern[i].startsWith(":") ? path[i] : pattern[i];
        }
        return String.join("/", out);
    }
}
