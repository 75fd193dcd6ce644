package io.nsqj.broker.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * Hands each read to the protocol as the socket's own pooled buffer, just before Vert.x's handler, which would
 * copy every read into a new heap array first (a 40 KiB MPUB is 40 KiB of garbage). The protocol may use the
 * bytes only during the call ({@link ProtocolV2#handleBorrowed}); the buffer is released after it. The stream
 * upgrades' decoders go before this handler. Reading pauses through the channel's auto-read, since Vert.x's
 * pause only holds back what reaches its own handler.
 */
final class DirectReads extends ChannelInboundHandlerAdapter {
    static final String NAME = "nsq-read";

    private final ContextInternal context;
    private final ProtocolV2 protocol;

    private DirectReads(ContextInternal context, ProtocolV2 protocol) {
        this.context = context;
        this.protocol = protocol;
    }

    /** On the connection's context: from now on reads reach {@code protocol} through this handler. */
    static void install(NetSocketInternal socket, ContextInternal context, ProtocolV2 protocol) {
        ChannelHandlerContext vertx = socket.channelHandlerContext();
        vertx.pipeline().addBefore(vertx.name(), NAME, new DirectReads(context, protocol));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf read)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // as Vert.x's own dispatch does: timers and callbacks the protocol sets up stay on this context
            context.emit(Buffer.buffer(read), protocol::handleBorrowed);
        } finally {
            read.release();
        }
    }
}
