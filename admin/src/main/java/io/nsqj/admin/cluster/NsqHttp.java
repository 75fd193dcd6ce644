package io.nsqj.admin.cluster;

import io.nsqj.admin.config.AdminOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP calls to nsqd and lookupd, asynchronous and bounded by nsqadmin's connect and request timeouts, so that a
 * page waiting on several daemons at once waits no longer than the slowest timeout.
 */
@ApplicationScoped
public class NsqHttp {
    private final HttpClient client;
    private final AdminOptions options;

    NsqHttp(AdminOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder().connectTimeout(options.httpClientConnectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The body of a 2xx answer; any other answer or failure completes exceptionally. */
    public CompletableFuture<String> get(String address, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(address, pathAndQuery)).GET());
    }

    public CompletableFuture<String> post(String address, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(address, pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private CompletableFuture<String> send(HttpRequest.Builder request) {
        return client.sendAsync(request.timeout(options.httpClientRequestTimeout())
                        .header("Accept", "application/vnd.nsq; version=1.0").build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new UpstreamError(r.uri() + " answered " + r.statusCode() + " " + r.body().strip());
            }
            return r.body();
        });
    }

    private static URI uri(String address, String pathAndQuery) {
        String base = address.startsWith("http://") || address.startsWith("https://") ? address : "http://" + address;
        return URI.create(base + pathAndQuery);
    }

    /** An nsqd or lookupd that answered, but not with success. */
    public static final class UpstreamError extends RuntimeException {
        UpstreamError(String message) {
            super(message);
        }
    }
}
