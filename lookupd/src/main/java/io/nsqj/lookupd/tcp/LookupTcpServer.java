package io.nsqj.lookupd.tcp;

import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.GoAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/** The TCP listener nsqd daemons connect to, speaking protocol V1. */
public final class LookupTcpServer {
    private static final System.Logger LOG = System.getLogger(LookupTcpServer.class.getName());

    private final Vertx vertx;
    private final RegistrationDB db;
    /** Open sockets, closed on shutdown; touched from event loops and the shutdown thread. */
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;
    private IntFunction<ServerIdentity> identityForPort;

    public LookupTcpServer(Vertx vertx, RegistrationDB db) {
        this.vertx = vertx;
        this.db = db;
    }

    /**
     * Starts listening.
     *
     * @param identityForPort what IDENTIFY answers, given the port actually bound (known only once listening)
     * @return the port actually bound
     */
    public Future<Integer> listen(String host, int port, IntFunction<ServerIdentity> identityForPort) {
        this.identityForPort = identityForPort;
        server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setReuseAddress(true)).connectHandler(this::accept);
        return server.listen().map(NetServer::actualPort);
    }

    private void accept(NetSocket socket) {
        String remote = GoAddresses.hostPort(socket.remoteAddress());
        LOG.log(System.Logger.Level.INFO, "TCP: new client(" + remote + ")");
        sockets.add(socket);
        LookupConnection connection = new LookupConnection(socket, remote, db,
                () -> identityForPort.apply(server.actualPort()));
        socket.handler(connection::handle);
        socket.closeHandler(v -> {
            sockets.remove(socket);
            connection.closed();
        });
        socket.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "client(" + remote + ") - " + e.getMessage()));
    }

    public Future<Void> close() {
        if (server == null) {
            return Future.succeededFuture();
        }
        return server.close().onComplete(r -> sockets.forEach(NetSocket::close));
    }
}
