package io.nsqj.broker.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.impl.TCPServerBase;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a storm of new connections from starving the connected ones. The acceptor hands each new connection
 * to an event loop as a task, queued in front of everything else that loop is asked to do, deliveries from
 * a topic's loop included; a few thousand connections at once would hold those up for a quarter of a
 * second. So the listener stops accepting while {@value #PAUSE_AT} accepted connections are still waiting
 * for their loop, and starts again once half of them are set up. Meanwhile new clients wait in the
 * kernel's accept queue, as they would behind a busy Go scheduler, and connected clients keep their pace.
 */
@ChannelHandler.Sharable
final class AcceptAdmission extends ChannelInboundHandlerAdapter {
    static final String NAME = "nsq-accept-admission";
    /** A fraction of a millisecond of set-up work per event loop on a warm broker, a few on a cold one. */
    static final int PAUSE_AT = 8;
    static final int RESUME_AT = PAUSE_AT / 2;

    private final AtomicInteger waiting = new AtomicInteger();
    private final Channel listener;
    /** Times accepting stopped; written on the acceptor's loop only. */
    private volatile int pauses;

    private AcceptAdmission(Channel listener) {
        this.listener = listener;
    }

    /**
     * Puts admission in front of the listening socket shared by every instance of {@code server}; once, however
     * many verticles listen on it. Vert.x does not expose that socket, so it is found through its fields: if
     * a Vert.x upgrade renames them, the broker still runs, accepting without this limit, and says so.
     */
    static Optional<AcceptAdmission> install(NetServer server) {
        Channel channel;
        try {
            channel = listeningChannel(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger(AcceptAdmission.class.getName()).log(System.Logger.Level.WARNING,
                    "TCP: cannot limit connections waiting to be set up (" + e + "); accepting without the limit");
            return Optional.empty();
        }
        AcceptAdmission admission = new AcceptAdmission(channel);
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(NAME) == null) {
                channel.pipeline().addFirst(NAME, admission);
            }
        });
        return Optional.of(admission);
    }

    /** How many times accepting stopped until the loops caught up. */
    int pauses() {
        return pauses;
    }

    /** Accepted connections whose loop has not set them up yet. */
    int waiting() {
        return waiting.get();
    }

    boolean accepting() {
        return listener.config().isAutoRead();
    }

    private static Channel listeningChannel(NetServer server) throws ReflectiveOperationException {
        Field actual = TCPServerBase.class.getDeclaredField("actualServer");
        actual.setAccessible(true);
        Object shared = actual.get(server);
        Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
        bind.setAccessible(true);
        Future<?> bound = (Future<?>) bind.get(shared == null ? server : shared);
        return (Channel) bound.result();
    }

    /** On the acceptor's loop: {@code msg} is the connection just accepted, before it is given its loop. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel connection) {
            connection.pipeline().addFirst(new SetUp());
            if (waiting.incrementAndGet() >= PAUSE_AT && ctx.channel().config().isAutoRead()) {
                pauses++;
                ctx.channel().config().setAutoRead(false);
                // the loops may have caught up before reading stopped, and so not seen it stop
                if (waiting.get() <= RESUME_AT) {
                    ctx.channel().config().setAutoRead(true);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void setUpDone() {
        if (waiting.decrementAndGet() <= RESUME_AT) {
            if (!listener.config().isAutoRead()) {
                listener.config().setAutoRead(true);
            }
        }
    }

    /** Counts one connection out of the queue once its loop has set it up, or once it is gone. */
    private final class SetUp extends ChannelInboundHandlerAdapter {
        private final AtomicBoolean counted = new AtomicBoolean();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Vert.x sets the connection up, and the broker its client, as the event passes
            ctx.fireChannelActive();
            ctx.pipeline().remove(this);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            // a connection closed before its loop took it never becomes active
            ctx.channel().closeFuture().addListener(f -> countOnce());
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            countOnce();
        }

        private void countOnce() {
            if (counted.compareAndSet(false, true)) {
                setUpDone();
            }
        }
    }
}
