package io.nsqj.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An nsqd auth server on 127.0.0.1, as nsqd's docs describe one: GET /auth with the client's secret answers the
 * grants for that secret. Secret "good" may publish and subscribe to topic "granted" only; "empty" gets no
 * grants; any other secret gets 403. Every request's query parameters are recorded.
 */
final class AuthServer implements AutoCloseable {
    static final String GRANTS = """
            {"ttl":%d,"identity":"tester","identity_url":"http://example.com/tester","authorizations":[
             {"topic":"^granted$","channels":[".*"],"permissions":["subscribe","publish"]}]}""";

    private final HttpServer server;
    private final int ttlSeconds;
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    AuthServer(int ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/auth", this::answer);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        requests.add(query);
        String secret = query.getOrDefault("secret", "");
        int status = 200;
        String body;
        switch (secret) {
            case "good" -> body = GRANTS.formatted(ttlSeconds);
            case "empty" -> body = "{\"ttl\":60,\"identity\":\"nobody\",\"authorizations\":[]}";
            default -> {
                status = 403;
                body = "{\"message\":\"NOT_AUTHORIZED\"}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
