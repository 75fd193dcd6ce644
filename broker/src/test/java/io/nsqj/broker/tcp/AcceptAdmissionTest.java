package io.nsqj.broker.tcp;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Vert.x listener with admission in front: a burst of connections pauses accepting, and all get in. */
class AcceptAdmissionTest {
    private static final int BURST = 400;

    private final Vertx vertx = Vertx.vertx();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfConnectionsPausesAcceptingUntilTheLoopCatchesUpAndEveryOneIsSetUp() throws Exception {
        AtomicInteger setUp = new AtomicInteger();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(socket -> {
                    // a slow set-up (a cold broker's), so that accepted connections queue for the loop
                    long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(500);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    setUp.incrementAndGet();
                });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AcceptAdmission admission = AcceptAdmission.install(server).orElseThrow();
        // the handler joins the listener on the acceptor's loop: wait until it counts
        Socket first = connect(server.actualPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> setUp.get() == 1 && admission.waiting() == 0);
        sockets.add(first);

        for (int i = 1; i < BURST; i++) {
            sockets.add(connect(server.actualPort()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> setUp.get() == BURST);
        assertTrue(admission.pauses() > 0, "accepting never paused");
        await().atMost(Duration.ofSeconds(5)).until(admission::accepting);
        assertEquals(0, admission.waiting());
    }

    @Test
    void connectionsClosedBeforeTheirLoopTookThemAreCountedOut() throws Exception {
        AtomicInteger setUp = new AtomicInteger();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(socket -> {
                    socket.exceptionHandler(e -> {
                        // the resets this test sends
                    });
                    setUp.incrementAndGet();
                });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AcceptAdmission admission = AcceptAdmission.install(server).orElseThrow();
        for (int i = 0; i < BURST; i++) {
            Socket s = connect(server.actualPort());
            s.setSoLinger(true, 0);
            s.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.waiting() == 0 && admission.accepting());
        // and the listener still takes new connections
        int before = setUp.get();
        sockets.add(connect(server.actualPort()));
        await().atMost(Duration.ofSeconds(10)).until(() -> setUp.get() == before + 1);
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }
}
