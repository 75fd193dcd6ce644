package io.nsqj.broker.http;

import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.broker.security.ServerTls;
import io.nsqj.protocol.GoFlags;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;

/**
 * nsqd's HTTPS listener ({@code --https-address}): the HTTP API over TLS with the TCP port's certificate, client
 * certificate policy and oldest protocol version. It is a Vert.x server of its own rather than Quarkus' ssl-port
 * because Quarkus binds HTTP and HTTPS to one host, where nsqd lets each flag name its own, and because Quarkus
 * cannot take nsqd's "require" policy (any client certificate, none verified).
 */
final class HttpsListener {
    private static final long LISTEN_TIMEOUT_SECONDS = 30;

    private HttpsListener() {
    }

    /** Listens and answers the bound port; a port in use stops the broker, as it stops nsqd. */
    static int start(Vertx vertx, BrokerOptions o, Handler<RoutingContext> api) throws Exception {
        GoFlags.HostPort address = GoFlags.hostPort(o.httpsAddress());
        HttpServerOptions server = new HttpServerOptions()
                .setHost(address.host())
                .setPort(address.port())
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(o.tlsCert().orElse(""))
                        .setKeyPath(o.tlsKey().orElse("")))
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(ServerTls.protocolsFrom(o.tlsMinVersion())));
        switch (o.tlsClientAuthPolicy().orElse("")) {
            case "require" -> server.setClientAuth(ClientAuth.REQUIRED)
                    .setTrustOptions(TrustOptions.wrap(InsecureTrustManagerFactory.INSTANCE));
            case "require-verify" -> {
                server.setClientAuth(ClientAuth.REQUIRED);
                o.tlsRootCaFile().filter(s -> !s.isEmpty())
                        .ifPresent(ca -> server.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
            }
            default -> server.setClientAuth(ClientAuth.NONE);
        }
        Router router = Router.router(vertx);
        router.route().handler(api);
        // one event loop serves it: HTTPS is the side door here, the TCP port carries the load
        return vertx.createHttpServer(server).requestHandler(router).listen()
                .toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .actualPort();
    }
}
