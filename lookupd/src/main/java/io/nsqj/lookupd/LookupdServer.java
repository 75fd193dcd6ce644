package io.nsqj.lookupd;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.nsqj.lookupd.config.LookupdOptions;
import io.nsqj.lookupd.http.LookupHttpServer;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.lookupd.tcp.LookupTcpServer;
import io.nsqj.lookupd.tcp.ServerIdentity;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.LocalHostname;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Starts and stops lookupd: the registration DB, the TCP listener for nsqd and the HTTP API. */
@ApplicationScoped
public class LookupdServer {
    private static final System.Logger LOG = System.getLogger(LookupdServer.class.getName());

    private final LookupdOptions options;
    private final Vertx vertx;
    private final SmallRyeHealthReporter health;
    private final PrometheusMeterRegistry metrics;
    private LookupTcpServer tcp;
    private LookupHttpServer http;
    /** Written by the startup and shutdown threads, read by readiness checks. */
    private volatile boolean tcpListening;
    private volatile boolean httpListening;

    public LookupdServer(LookupdOptions options, Vertx vertx, SmallRyeHealthReporter health,
                         PrometheusMeterRegistry metrics) {
        this.options = options;
        this.vertx = vertx;
        this.health = health;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws Exception {
        LOG.log(System.Logger.Level.INFO, "nsqlookupd v" + LookupdVersion.VERSION + " (built w/ java "
                + Runtime.version() + ")");
        RegistrationDB db = new RegistrationDB(LookupdServer::unixNanos);
        String hostname = LocalHostname.get();
        String broadcastAddress = options.broadcastAddress().orElse(hostname);

        GoFlags.HostPort tcpAddress = GoFlags.hostPort(options.tcpAddress());
        GoFlags.HostPort httpAddress = GoFlags.hostPort(options.httpAddress());
        tcp = new LookupTcpServer(vertx, db);
        http = new LookupHttpServer(vertx, db, options.inactiveProducerTimeout(), options.tombstoneLifetime(),
                LookupdVersion.VERSION, health, metrics);
        // HTTP first: IDENTIFY answers name the HTTP port, and nsqd may IDENTIFY as soon as TCP accepts
        int httpPort = await(http.listen(httpAddress.host(), httpAddress.port()));
        httpListening = true;
        int tcpPort = await(tcp.listen(tcpAddress.host(), tcpAddress.port(),
                boundTcpPort -> new ServerIdentity(boundTcpPort, httpPort, broadcastAddress, hostname,
                        LookupdVersion.VERSION)));
        tcpListening = true;
        LOG.log(System.Logger.Level.INFO, "TCP: listening on " + tcpAddress.host() + ":" + tcpPort);
        LOG.log(System.Logger.Level.INFO, "HTTP: listening on " + httpAddress.host() + ":" + httpPort);
    }

    void stop(@Observes ShutdownEvent event) {
        tcpListening = false;
        httpListening = false;
        try {
            if (tcp != null) {
                await(tcp.close());
            }
            if (http != null) {
                await(http.close());
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "failed to shut down cleanly", e);
        }
    }

    /** True from the moment the TCP listener is open until shutdown begins. */
    public boolean isTcpListening() {
        return tcpListening;
    }

    /** True from the moment the HTTP listener is open until shutdown begins. */
    public boolean isHttpListening() {
        return httpListening;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static long unixNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
