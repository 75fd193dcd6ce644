package io.nsqj.tools.bench;

import io.nsqj.protocol.GoFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The publishing ceiling for bench_writer: a plain Vert.x TCP server that reads PUB and MPUB frames and
 * answers each OK, storing nothing. A broker's publish figures divided by the sink's tell how much of the
 * machine's TCP and JVM ceiling the broker reaches. Runs until SIGINT or SIGTERM.
 */
public final class BenchSink {
    private BenchSink() {
    }

    public static void run(String[] args) throws Exception {
        FlagSet flags = new FlagSet("bench_sink")
                .string("tcp-address", "127.0.0.1:4150", "<addr>:<port> to listen on for TCP clients")
                .integer("event-loops", Runtime.getRuntime().availableProcessors(), "number of event loops (and listeners)")
                .parse(args);
        GoFlags.HostPort hp = GoFlags.hostPort(flags.getString("tcp-address"));
        int loops = flags.getInt("event-loops");
        if (loops < 1) {
            throw flags.usageError("--event-loops must be at least 1");
        }
        StopSignal stop = StopSignal.install();
        BenchLog log = new BenchLog("bench_sink");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        try {
            vertx.deployVerticle(() -> new Listener(hp), new DeploymentOptions().setInstances(loops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            throw ToolExit.fatal("listen (" + flags.getString("tcp-address") + ") failed - " + e.getCause().getMessage());
        }
        log.printf("TCP: listening on %s:%d", hp.host(), hp.port());
        stop.await();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One listener per event loop on the same port: Vert.x spreads the connections over them. */
    private static final class Listener extends AbstractVerticle {
        private final GoFlags.HostPort address;

        Listener(GoFlags.HostPort address) {
            this.address = address;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createNetServer()
                    .connectHandler(socket -> socket.handler(new SinkConnection(socket)))
                    .listen(address.port(), address.host())
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }
}
