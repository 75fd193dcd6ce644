package io.nsqj.broker.tcp;

import io.nsqj.broker.core.TopicRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * The protocol V2 listener. One instance per event loop, all on the same port: Vert.x spreads accepted
 * connections over them, and each connection stays on its instance's loop.
 */
public final class TcpServerVerticle extends AbstractVerticle {
    private static final System.Logger LOG = System.getLogger(TcpServerVerticle.class.getName());

    private final String host;
    private final int port;
    private final TopicRegistry topics;
    private final ClientRegistry clients;
    private final ProtocolLimits limits;
    private final String version;
    private final NegotiableFeatures features;
    private NetServer server;

    public TcpServerVerticle(String host, int port, TopicRegistry topics, ClientRegistry clients,
                             ProtocolLimits limits, String version, NegotiableFeatures features) {
        this.host = host;
        this.port = port;
        this.topics = topics;
        this.clients = clients;
        this.limits = limits;
        this.version = version;
        this.features = features;
    }

    @Override
    public void start(Promise<Void> started) {
        EventLoopOwner loop = new EventLoopOwner(((ContextInternal) context).nettyEventLoop());
        NetServerOptions options = new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setReuseAddress(true);
        server = vertx.createNetServer(options).connectHandler(socket -> accept(socket, loop));
        server.listen().onSuccess(s -> {
            AcceptAdmission.install(server);
            started.complete();
        }).onFailure(started::fail);
    }

    private void accept(NetSocket socket, EventLoopOwner loop) {
        ClientConnection client = new ClientConnection(clients.nextId(), socket, vertx, clients, limits);
        clients.add(client);
        ProtocolV2 protocol = new ProtocolV2(client, topics, limits, loop, version, features);
        LOG.log(System.Logger.Level.DEBUG, "TCP: new client(" + client + ")");
        socket.handler(protocol::handle);
        DirectReads.install((NetSocketInternal) socket, (ContextInternal) vertx.getOrCreateContext(), protocol);
        socket.closeHandler(v -> {
            client.closed();
            protocol.connectionClosed();
        });
        socket.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "client(" + client + ") - " + e.getMessage()));
        client.startHeartbeats();
    }

    @Override
    public void stop(Promise<Void> stopped) {
        if (server == null) {
            stopped.complete();
            return;
        }
        server.close().onComplete(r -> stopped.complete());
    }
}
