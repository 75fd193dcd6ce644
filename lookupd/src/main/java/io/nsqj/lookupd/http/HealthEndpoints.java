package io.nsqj.lookupd.http;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /q/health, /q/health/live and /q/health/ready on lookupd's HTTP port, answered from SmallRye Health's
 * reporter as Quarkus' own handler answers them (200 when UP, 503 when DOWN, the same JSON and headers): Quarkus'
 * HTTP server, where that handler lives, is not opened in lookupd.
 */
final class HealthEndpoints {
    private static final System.Logger LOG = System.getLogger(HealthEndpoints.class.getName());

    private final Map<String, Supplier<Uni<SmallRyeHealth>>> byPath;
    private final SmallRyeHealthReporter reporter;

    HealthEndpoints(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
        this.byPath = Map.of(
                "/q/health", reporter::getHealthAsync,
                "/q/health/live", reporter::getLivenessAsync,
                "/q/health/ready", reporter::getReadinessAsync);
    }

    /** False when the request is not for a health endpoint: the NSQ routes then answer it. */
    boolean serve(HttpServerRequest request, String path) {
        Supplier<Uni<SmallRyeHealth>> health = byPath.get(path);
        if (health == null || !request.method().name().equals("GET")) {
            return false;
        }
        Context context = Vertx.currentContext();
        HttpServerResponse response = request.response();
        health.get()
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .subscribe().with(h -> write(response, h), failure -> {
                    LOG.log(System.Logger.Level.ERROR, "health check failed: " + failure, failure);
                    response.setStatusCode(500).end();
                });
        return true;
    }

    private void write(HttpServerResponse response, SmallRyeHealth health) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        reporter.reportHealth(json, health);
        response.setStatusCode(health.isDown() ? 503 : 200)
                .putHeader("Content-Type", "application/json; charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(json.toByteArray()));
    }
}
