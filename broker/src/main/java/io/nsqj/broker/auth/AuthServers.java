package io.nsqj.broker.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The auth servers of {@code --auth-http-address}, asked as nsqd asks them: {@code /auth} with the client's
 * remote_ip, tls, secret and common_name, each server in turn from a random one until one answers. Requests
 * run on the JDK HTTP client's own threads, never on an event loop.
 */
public final class AuthServers {
    private final List<String> addresses;
    private final boolean post;
    private final Duration requestTimeout;
    private final HttpClient http;

    public AuthServers(List<String> addresses, String method, Duration connectTimeout, Duration requestTimeout) {
        this.addresses = List.copyOf(addresses);
        this.post = method.equalsIgnoreCase("post");
        this.requestTimeout = requestTimeout;
        this.http = addresses.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** nsqd's IsAuthEnabled: at least one auth server configured. */
    public boolean enabled() {
        return !addresses.isEmpty();
    }

    /** Completes with the grants, or exceptionally with every server's failure in one message. */
    public CompletableFuture<AuthState> query(String remoteIp, boolean tls, String commonName, String secret) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("common_name", commonName);
        params.put("remote_ip", remoteIp);
        params.put("secret", secret);
        params.put("tls", Boolean.toString(tls));
        int start = ThreadLocalRandom.current().nextInt(addresses.size());
        return tryFrom(start, 0, params, null);
    }

    private CompletableFuture<AuthState> tryFrom(int start, int tried, Map<String, String> params, String errors) {
        if (tried == addresses.size()) {
            return CompletableFuture.failedFuture(new AuthException(errors));
        }
        String address = addresses.get((start + tried) % addresses.size());
        return queryOne(address, params).handle((state, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(state);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            String e = "failed to auth against " + address + " - " + cause.getMessage();
            return tryFrom(start, tried + 1, params, errors == null ? e : errors + "; " + e);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<AuthState> queryOne(String address, Map<String, String> params) {
        String endpoint = address.contains("://") ? address : "http://" + address + "/auth";
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(requestTimeout)
                .header("Accept", "application/vnd.nsq; version=1.0");
        try {
            if (post) {
                // nsqd posts url.Values as JSON: every parameter is a list of one value
                JsonObject body = new JsonObject();
                params.forEach((k, v) -> body.put(k, new JsonArray().add(v)));
                request.uri(URI.create(endpoint)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
            } else {
                request.uri(URI.create(endpoint + "?" + encode(params))).GET();
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new AuthException("got response " + response.statusCode() + " " + quote(response.body()));
            }
            return parse(response.body());
        });
    }

    /** Go's url.Values.Encode: keys sorted (the map is built in order), form encoding. */
    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** nsqd's validation: known permissions, compilable patterns, a positive ttl. */
    static AuthState parse(String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new AuthException("failed to decode auth response " + quote(body));
        }
        List<Authorization> grants = new ArrayList<>();
        JsonArray list = json.getJsonArray("authorizations", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            JsonObject a = list.getJsonObject(i);
            Set<String> permissions = new HashSet<>();
            for (Object p : a.getJsonArray("permissions", new JsonArray())) {
                if (!"subscribe".equals(p) && !"publish".equals(p)) {
                    throw new AuthException("unknown permission " + p);
                }
                permissions.add((String) p);
            }
            Pattern topic = compile("topic", a.getString("topic", ""));
            List<Pattern> channels = new ArrayList<>();
            for (Object c : a.getJsonArray("channels", new JsonArray())) {
                channels.add(compile("channel", String.valueOf(c)));
            }
            grants.add(new Authorization(topic, channels, permissions));
        }
        long ttl = json.getLong("ttl", 0L);
        if (ttl <= 0) {
            throw new AuthException("invalid TTL " + ttl + " (must be >0)");
        }
        return new AuthState(json.getString("identity", ""), json.getString("identity_url", ""), List.copyOf(grants),
                System.currentTimeMillis() + ttl * 1000);
    }

    private static Pattern compile(String what, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new AuthException("unable to compile " + what + " " + quote(regex) + " " + e.getDescription());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Why an auth server's answer could not be used; logged, never shown to the client. */
    static final class AuthException extends RuntimeException {
        AuthException(String message) {
            super(message, null, false, false);
        }
    }
}
