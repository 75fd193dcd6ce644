package io.nsqj.lookupd.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * GET /q/metrics on lookupd's HTTP port, the Prometheus registry's scrape as Quarkus' own handler serves it on
 * the broker: Quarkus' HTTP server, where that handler lives, is not opened in lookupd. The scrape reads the
 * JVM's meters and the registration DB's lock, so it runs on a worker thread, not the event loop.
 */
final class MetricsEndpoint {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;

    MetricsEndpoint(Vertx vertx, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** False when the request is not for /q/metrics: the NSQ routes then answer it. */
    boolean serve(HttpServerRequest request, String path) {
        if (!path.equals("/q/metrics") || !request.method().name().equals("GET")) {
            return false;
        }
        HttpServerResponse response = request.response();
        vertx.<String>executeBlocking(() -> registry.scrape(), false).onComplete(scrape -> {
            if (scrape.succeeded()) {
                response.putHeader("Content-Type", CONTENT_TYPE).end(scrape.result());
            } else {
                response.setStatusCode(500).end();
            }
        });
        return true;
    }
}
