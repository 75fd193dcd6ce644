package io.nsqj.lookupd.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.HttpDate;
import io.nsqj.protocol.http.RouteTable;
import io.nsqj.protocol.http.RouterRedirect;
import io.nsqj.protocol.http.UrlUnescaper;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;

/**
 * The HTTP API, routed as nsqlookupd's httprouter routes it: exact paths per method; a wrong method answers 405
 * with an Allow header; OPTIONS answers the Allow header; a path off by a trailing slash or by letter case is
 * redirected (see {@link RouterRedirect}); anything else is 404. Handlers run on the event loop: they only read
 * and update the in-memory registration DB. Kubernetes' probes (/q/health/live, /q/health/ready) are answered
 * here too, ahead of the routes, as Quarkus answers them on the broker's HTTP port, and so is /q/metrics.
 */
public final class LookupHttpServer {
    private static final System.Logger LOG = System.getLogger(LookupHttpServer.class.getName());
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Vertx vertx;
    private final RouteTable<Route> routes = new RouteTable<>();
    private final HealthEndpoints health;
    private final MetricsEndpoint metrics;
    private HttpServer server;

    public LookupHttpServer(Vertx vertx, RegistrationDB db, Duration inactiveProducerTimeout,
                            Duration tombstoneLifetime, String version, SmallRyeHealthReporter health,
                            PrometheusMeterRegistry metrics) {
        this.vertx = vertx;
        this.health = new HealthEndpoints(health);
        this.metrics = new MetricsEndpoint(vertx, metrics);
        metrics.getPrometheusRegistry().register(new LookupMetrics(db));
        LookupHttpApi api = new LookupHttpApi(db, inactiveProducerTimeout, tombstoneLifetime, version);
        add(new Route("GET", "/ping", api::ping, true));
        add(new Route("GET", "/info", api::info, false));
        add(new Route("GET", "/debug", api::debug, false));
        add(new Route("GET", "/lookup", api::lookup, false));
        add(new Route("GET", "/topics", api::topics, false));
        add(new Route("GET", "/channels", api::channels, false));
        add(new Route("GET", "/nodes", api::nodes, false));
        add(new Route("POST", "/topic/create", api::createTopic, false));
        add(new Route("POST", "/topic/delete", api::deleteTopic, false));
        add(new Route("POST", "/channel/create", api::createChannel, false));
        add(new Route("POST", "/channel/delete", api::deleteChannel, false));
        add(new Route("POST", "/topic/tombstone", api::tombstoneTopicProducer, false));
    }

    private void add(Route route) {
        routes.add(route.method(), route.path(), route);
    }

    /** @return the port actually bound */
    public Future<Integer> listen(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setReuseAddress(true))
                .requestHandler(this::dispatch);
        return server.listen().map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void dispatch(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("Date", HttpDate.now());
        String method = request.method().name();
        String path = UrlUnescaper.path(request.path());
        if (path == null) {
            response.setStatusCode(400).putHeader("Content-Type", TEXT).putHeader("Connection", "close")
                    .end("400 Bad Request");
            return;
        }
        if (health.serve(request, path) || metrics.serve(request, path)) {
            return;
        }
        RouteTable.Match<Route> match = routes.find(method, path);
        if (match != null) {
            serve(match.route().handler(), request, response);
            return;
        }
        RouterRedirect redirect = RouterRedirect.find(routes, method, path, request.query());
        if (redirect != null) {
            redirect(redirect, response);
            log(request, redirect.status());
            return;
        }
        String allow = routes.allowHeader(path, method);
        if (allow == null) {
            respondV1(request, response, new ApiError(404, "NOT_FOUND"));
        } else if (method.equals("OPTIONS")) {
            response.putHeader("Allow", allow).end();
        } else {
            response.putHeader("Allow", allow);
            respondV1(request, response, new ApiError(405, "METHOD_NOT_ALLOWED"));
        }
    }

    private void serve(Route route, HttpServerRequest request, HttpServerResponse response) {
        String body;
        try {
            body = route.handler().handle(request.query());
        } catch (ApiError e) {
            if (route.plainText()) {
                response.setStatusCode(e.status()).putHeader("Content-Type", TEXT).end(e.getMessage());
                log(request, e.status());
                return;
            }
            respondV1(request, response, e);
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "panic in HTTP handler - " + e, e);
            respondV1(request, response, new ApiError(500, "INTERNAL_ERROR"));
            return;
        }
        if (route.plainText()) {
            response.putHeader("Content-Type", TEXT).end(body);
        } else {
            response.putHeader("X-NSQ-Content-Type", "nsq; version=1.0");
            if (body == null) {
                response.end();
            } else {
                response.putHeader("Content-Type", JSON).end(body);
            }
        }
        log(request, 200);
    }

    private void respondV1(HttpServerRequest request, HttpServerResponse response, ApiError error) {
        response.setStatusCode(error.status())
                .putHeader("Content-Type", JSON)
                .putHeader("X-NSQ-Content-Type", "nsq; version=1.0")
                .end(error.json());
        log(request, error.status());
    }

    private static void redirect(RouterRedirect redirect, HttpServerResponse response) {
        response.setStatusCode(redirect.status());
        if (redirect.contentType() != null) {
            response.putHeader("Content-Type", redirect.contentType());
        }
        response.putHeader("Location", redirect.location()).end(redirect.body());
    }

    private static void log(HttpServerRequest request, int status) {
        LOG.log(System.Logger.Level.INFO, status + " " + request.method() + " " + request.uri() + " ("
                + request.remoteAddress() + ")");
    }
}
