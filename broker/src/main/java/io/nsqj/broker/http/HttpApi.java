package io.nsqj.broker.http;

import io.nsqj.broker.BrokerServer;
import io.nsqj.broker.auth.AuthServers;
import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.broker.security.ServerTls;
import io.nsqj.protocol.GoDuration;
import io.nsqj.protocol.LocalHostname;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.RouteTable;
import io.nsqj.protocol.http.RouterRedirect;
import io.nsqj.protocol.http.UrlUnescaper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * nsqd's HTTP API on the HTTP port, as one Vert.x route ahead of everything but Quarkus' own /q/* paths.
 * Routing, method checks, redirects, body limits and every header are done here rather than by JAX-RS, so
 * that status codes, bodies and headers come out as nsqd's httprouter and net/http write them.
 */
@ApplicationScoped
public class HttpApi {
    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());
    /** Before Quarkus' body-size limit (-2) and its default routes. */
    private static final int ROUTE_ORDER = -100;
    /** The routes --http-auth-required guards: every one that publishes messages. */
    private static final Set<String> PUBLISH_ROUTES = Set.of("/pub", "/mpub", "/channel/mpub");

    private final BrokerServer broker;
    private final BrokerOptions options;
    private final Vertx vertx;
    private final RouteTable<Endpoint> routes = new RouteTable<>();
    /** Set when plain HTTP must be refused (--tls-required=true): the HTTPS port the refusal points at. */
    private Optional<Reply> tlsRequired = Optional.empty();
    /** Set by --http-auth-required. */
    private PublishAuth publishAuth;

    public HttpApi(BrokerServer broker, BrokerOptions options, Vertx vertx) {
        this.broker = broker;
        this.options = options;
        this.vertx = vertx;
    }

    void init(@Observes Router router) {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        // read here, on the startup thread, so that /info never reads it on an event loop
        LocalHostname.get();
        GcPauses gcPauses = new GcPauses();
        gcPauses.start();
        TopicLookup lookup = new TopicLookup(broker::topics);
        LogLevels logLevels = new LogLevels(
                ConfigProvider.getConfig().getOptionalValue("quarkus.log.level", String.class).orElse("INFO"));
        OptionValues optionValues = new OptionValues(options, () -> broker.topics().options().nodeId(), logLevels,
                () -> broker.lookup().addresses(), ConfiguredDataPath.of(options));

        NodeApi node = new NodeApi(options, startMillis);
        PublishApi publish = new PublishApi(lookup, options.maxMsgSize(), options.maxBodySize(),
                options.maxReqTimeout().toNanos());
        TopicApi topic = new TopicApi(lookup);
        ChannelApi channel = new ChannelApi(lookup);
        StatsApi stats = new StatsApi(new StatsCollector(lookup, broker::clients), gcPauses, startMillis);
        ConfigApi config = new ConfigApi(optionValues, logLevels, broker::lookup, options.maxMsgSize());

        routes.add("GET", "/ping", Endpoint.of(node::ping));
        routes.add("GET", "/info", Endpoint.of(node::info));
        routes.add("POST", "/pub", publish.pub());
        routes.add("POST", "/mpub", publish.mpub());
        routes.add("GET", "/stats", Endpoint.of(stats::stats));
        routes.add("POST", "/topic/create", Endpoint.of(topic::create));
        routes.add("POST", "/topic/delete", Endpoint.of(topic::delete));
        routes.add("POST", "/topic/empty", Endpoint.of(topic::empty));
        routes.add("POST", "/topic/pause", Endpoint.of(topic::pause));
        routes.add("POST", "/topic/unpause", Endpoint.of(topic::unpause));
        routes.add("POST", "/channel/create", Endpoint.of(channel::create));
        routes.add("POST", "/channel/delete", Endpoint.of(channel::delete));
        routes.add("POST", "/channel/empty", Endpoint.of(channel::empty));
        routes.add("POST", "/channel/pause", Endpoint.of(channel::pause));
        routes.add("POST", "/channel/unpause", Endpoint.of(channel::unpause));
        routes.add("POST", "/channel/mpub", publish.channelMpub());
        routes.add("GET", "/config/:opt", config.get());
        routes.add("PUT", "/config/:opt", config.put());

        Endpoint pprof = Endpoint.of(DebugApi::pprof);
        for (String p : new String[] {"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/symbol",
                "/debug/pprof/profile", "/debug/pprof/heap", "/debug/pprof/goroutine", "/debug/pprof/block",
                "/debug/pprof/threadcreate"}) {
            routes.add("GET", p, pprof);
        }
        routes.add("POST", "/debug/pprof/symbol", pprof);
        routes.add("PUT", "/debug/setblockrate", Endpoint.of(DebugApi::setBlockRate));
        routes.add("POST", "/debug/freememory", Endpoint.of(DebugApi::freeMemory));

        if (options.httpAuthRequired()) {
            publishAuth = new PublishAuth(new AuthServers(options.authHttpAddresses().orElse(List.of()),
                    options.authHttpRequestMethod(), options.httpClientConnectTimeout(),
                    options.httpClientRequestTimeout()));
        }
        // routes first: the HTTPS port answers as soon as it listens
        router.route().order(ROUTE_ORDER).handler(this::handle);
        startHttps();
    }

    /** nsqd serves HTTPS only with a certificate, and then refuses plain HTTP if --tls-required=true. */
    private void startHttps() {
        ServerTls tls = ServerTls.from(options);
        if (!tls.enabled() || options.httpsAddress().isEmpty()) {
            return;
        }
        int httpsPort;
        try {
            httpsPort = HttpsListener.start(vertx, options, this::handle);
        } catch (Exception e) {
            throw new IllegalStateException("listen (" + options.httpsAddress() + ") failed - " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "HTTPS: listening on " + options.httpsAddress());
        if (tls.requiredForHttp()) {
            tlsRequired = Optional.of(Reply.tlsRequired(httpsPort));
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String rawPath = request.path();
        if (rawPath != null && (rawPath.equals("/q") || rawPath.startsWith("/q/"))) {
            ctx.next();
            return;
        }
        long started = System.nanoTime();
        if (tlsRequired.isPresent() && !request.isSSL()) {
            // nsqd refuses before routing: every path, /ping included
            finish(request, tlsRequired.get(), started, false);
            return;
        }
        String method = request.method().name();
        if ("*".equals(request.uri())) {
            // net/http answers OPTIONS * itself, before any handler
            finish(request, method.equals("OPTIONS") ? Reply.bare(200)
                    : Reply.v1Error(404, "NOT_FOUND"), started, false);
            return;
        }
        String path = rawPath == null ? null : UrlUnescaper.path(rawPath);
        if (path == null) {
            finish(request, Reply.malformedRequest(), started, false);
            return;
        }
        RouteTable.Match<Endpoint> match = routes.find(method, path);
        if (match == null) {
            finish(request, unrouted(method, path, request.query()), started, true);
            return;
        }
        Context context = Vertx.currentContext();
        // the route, not the path, names the request in Quarkus' HTTP metrics
        context.putLocal("UrlPathTemplate", match.route().pattern());
        Executor loop = task -> context.runOnContext(v -> task.run());
        ApiRequest req = ApiRequest.of(method, path, match.params(), request.query(),
                contentLength(request), httpPort(request), loop);
        Endpoint endpoint = match.route().handler();
        if (publishAuth != null && PUBLISH_ROUTES.contains(match.route().pattern())) {
            // the body waits, unread, while the auth server is asked
            request.pause();
            publishAuth.check(request, req.query()).whenComplete((refusal, error) -> loop.execute(() -> {
                if (error != null || refusal.isPresent()) {
                    Reply answer = error != null ? failure(error, req) : Reply.v1Error(refusal.get());
                    // the refused body is never read, so the connection cannot carry another request
                    finish(request, answer.closing(), started, endpoint.logged());
                } else {
                    dispatch(request, req, endpoint, loop, started);
                }
            }));
            return;
        }
        dispatch(request, req, endpoint, loop, started);
    }

    /** Reads the body into the endpoint's sink, then answers what the endpoint makes of it. */
    private void dispatch(HttpServerRequest request, ApiRequest req, Endpoint endpoint, Executor loop, long started) {
        BodySink sink;
        try {
            sink = endpoint.body().apply(req);
        } catch (RuntimeException e) {
            sink = BodySink.DISCARD;
        }
        BodySink body = sink;
        boolean expectContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        boolean unread = body == BodySink.UNREAD && expectContinue && !request.isEnded();
        Runnable respond = () -> {
            CompletionStage<Reply> reply;
            try {
                reply = endpoint.handler().apply(req, body);
            } catch (Throwable t) {
                reply = CompletableFuture.failedFuture(t);
            }
            reply.whenComplete((r, error) -> loop.execute(() -> {
                Reply answer = r != null ? r : failure(error, req);
                finish(request, unread ? answer.closing() : answer, started, endpoint.logged());
            }));
        };
        if (unread || request.isEnded()) {
            respond.run();
            return;
        }
        request.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "HTTP request failed: " + e.getMessage()));
        request.endHandler(v -> respond.run());
        request.handler(body::accept);
        if (expectContinue) {
            // net/http sends it once the handler reads the body; every handler here reads it
            request.response().writeContinue();
        }
        request.resume();
    }

    /** No route for this method: httprouter's redirects, then OPTIONS, 405 and 404. */
    private Reply unrouted(String method, String path, String rawQuery) {
        RouterRedirect redirect = RouterRedirect.find(routes, method, path, rawQuery);
        if (redirect != null) {
            return Reply.redirect(redirect);
        }
        String allow = routes.allowHeader(path, method);
        if (allow != null) {
            return method.equals("OPTIONS") ? Reply.options(allow) : Reply.methodNotAllowed(allow);
        }
        return Reply.v1Error(404, "NOT_FOUND");
    }

    /** An ApiError is nsqd's answer; anything else is the panic handler's 500. */
    private static Reply failure(Throwable error, ApiRequest req) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof ApiError api) {
            return Reply.v1Error(api);
        }
        LOG.log(System.Logger.Level.ERROR, "panic in HTTP handler - " + req.method() + " " + req.path(), e);
        return Reply.v1Error(500, "INTERNAL_ERROR");
    }

    private static void finish(HttpServerRequest request, Reply reply, long started, boolean logged) {
        ReplyWriter.write(request, reply);
        if (logged && LOG.isLoggable(System.Logger.Level.INFO)) {
            LOG.log(System.Logger.Level.INFO, reply.status() + " " + request.method().name() + " " + request.uri()
                    + " (" + request.remoteAddress() + ") " + GoDuration.format(System.nanoTime() - started));
        }
    }

    /** nsqd's RealHTTPAddr port, which /info reports whichever port the request came in on. */
    private static int httpPort(HttpServerRequest request) {
        if (request.isSSL()) {
            // Quarkus writes the bound port back when the configured one is 0
            return ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        }
        return request.localAddress() == null ? -1 : request.localAddress().port();
    }

    /** Go's req.ContentLength: the header's value, or -1 when absent on a body-carrying request. */
    private static long contentLength(HttpServerRequest request) {
        String v = request.getHeader("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
