package io.nsqj.tools.stat;

import io.nsqj.protocol.GoStrings;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * GETs from nsqd's and nsqlookupd's HTTP APIs as NSQ's tools do (Accept: application/vnd.nsq; version=1.0,
 * a connect and a request timeout), failing with the text NSQ's http_api client gives.
 */
final class V1Client {
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 403, "Forbidden",
            404, "Not Found", 405, "Method Not Allowed", 500, "Internal Server Error", 502, "Bad Gateway",
            503, "Service Unavailable");

    private final HttpClient http;
    private final Duration requestTimeout;

    V1Client(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    /** A failed query, worded as Go's. */
    static final class QueryException extends Exception {
        QueryException(String message) {
            super(message, null, false, false);
        }
    }

    JsonObject get(String url) throws QueryException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Accept", "application/vnd.nsq; version=1.0").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueryException("Get " + GoStrings.quote(url) + ": " + describe(request.uri(), e));
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            String status = response.statusCode() + " " + REASONS.getOrDefault(response.statusCode(), "");
            throw new QueryException("got response " + status.strip() + " " + GoStrings.quote(body));
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new QueryException("invalid JSON from " + url + ": " + e.getMessage());
        }
    }

    private static String describe(URI uri, IOException e) {
        String address = uri.getHost() + ":" + uri.getPort();
        if (e instanceof HttpConnectTimeoutException) {
            return "dial tcp " + address + ": i/o timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        }
        if (e instanceof ConnectException) {
            String why = e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(Locale.ROOT);
            return "dial tcp " + address + ": connect: " + why;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
