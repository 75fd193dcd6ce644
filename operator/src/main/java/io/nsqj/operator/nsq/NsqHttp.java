package io.nsqj.operator.nsq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls to the HTTP APIs of nsqd and nsqlookupd. Blocking, with short timeouts: reconcilers run on their own
 * worker threads, and a pod that does not answer within them is treated as not there yet.
 */
final class NsqHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private NsqHttp() {
    }

    static URI uri(String base, String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }

    /** POSTs and returns the response; a status outside {@code okStatuses} is an NsqCallException. */
    static HttpResponse<String> post(URI uri, byte[] body, int... okStatuses) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), okStatuses);
    }

    static JsonNode getJson(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), 200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new NsqCallException(uri + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request, int... okStatuses) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            for (int ok : okStatuses) {
                if (response.statusCode() == ok) {
                    return response;
                }
            }
            throw new NsqCallException(request.method() + " " + request.uri() + ": " + response.statusCode()
                    + " " + response.body(), null);
        } catch (IOException e) {
            throw new NsqCallException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NsqCallException(request.method() + " " + request.uri() + ": interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
