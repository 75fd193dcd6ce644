package io.nsqj.broker.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.NetSocketInternal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A NetSocket with no network behind it: it keeps what the broker writes, in order, and whether it was
 * closed. A dynamic proxy, so that it keeps compiling as the broker starts using more of the interface;
 * methods it does not know answer Java's zero values.
 */
final class FakeSocket {
    /** A pipeline context only for its allocator: where the broker builds delivery frames. */
    private static final ChannelHandlerContext CONTEXT = (ChannelHandlerContext) Proxy.newProxyInstance(
            ChannelHandlerContext.class.getClassLoader(), new Class<?>[]{ChannelHandlerContext.class},
            (proxy, method, args) -> method.getName().equals("alloc") ? UnpooledByteBufAllocator.DEFAULT
                    : zero(proxy, method.getReturnType()));

    private final Buffer written = Buffer.buffer();
    private final NetSocket socket;
    private boolean closed;
    private boolean paused;
    private boolean writeQueueFull;
    private Handler<Void> drainHandler;

    FakeSocket() {
        // the broker's sockets are NetSocketInternal (stream upgrades reach into the pipeline), so the fake is one
        socket = (NetSocket) Proxy.newProxyInstance(NetSocketInternal.class.getClassLoader(),
                new Class<?>[]{NetSocketInternal.class}, (proxy, method, args) -> invoke(proxy, method, args));
    }

    NetSocket socket() {
        return socket;
    }

    /** Everything written so far, concatenated: the byte stream the client would read. */
    Buffer written() {
        return written;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isPaused() {
        return paused;
    }

    /** As a client that stops reading makes it: writes are still taken, but the queue reports itself full. */
    void setWriteQueueFull(boolean full) {
        writeQueueFull = full;
    }

    /** The client read again: the queue emptied, and the broker's drain handler, if any, runs once. */
    void drain() {
        writeQueueFull = false;
        Handler<Void> h = drainHandler;
        drainHandler = null;
        if (h != null) {
            h.handle(null);
        }
    }

    @SuppressWarnings("unchecked")
    private Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "write":
                if (args[0] instanceof Buffer b) {
                    if (closed) {
                        throw new IllegalStateException("write after close");
                    }
                    written.appendBuffer(b);
                }
                return method.getReturnType() == Future.class ? Future.succeededFuture() : null;
            case "writeMessage":
                // deliveries: Netty buffers, released once written, as Netty does
                if (args[0] instanceof ByteBuf b) {
                    if (closed) {
                        throw new IllegalStateException("write after close");
                    }
                    written.appendBytes(io.netty.buffer.ByteBufUtil.getBytes(b));
                    b.release();
                }
                return method.getReturnType() == Future.class ? Future.succeededFuture() : proxy;
            case "channelHandlerContext":
                return CONTEXT;
            case "close":
                closed = true;
                return Future.succeededFuture();
            case "pause":
                paused = true;
                return proxy;
            case "resume":
                paused = false;
                return proxy;
            case "writeQueueFull":
                return writeQueueFull;
            case "drainHandler":
                drainHandler = (Handler<Void>) args[0];
                return proxy;
            case "remoteAddress":
            case "localAddress":
                return SocketAddress.inetSocketAddress(4150, "127.0.0.1");
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "FakeSocket";
            default:
                return zero(proxy, method.getReturnType());
        }
    }

    static Object zero(Object proxy, Class<?> type) {
        if (type.isInstance(proxy)) {
            return proxy;
        }
        if (type == Future.class) {
            return Future.succeededFuture();
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
