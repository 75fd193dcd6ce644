package io.nsqj.broker.tcp;

import io.nsqj.broker.security.PeerCommonName;
import io.nsqj.broker.security.ServerTls;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.SnappyFrameDecoder;
import io.netty.handler.codec.compression.SnappyFrameEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.net.impl.NetSocketInternal;

import javax.net.ssl.SSLSession;

/**
 * What IDENTIFY turns a connection's byte stream into: TLS, then snappy or deflate on top, as nsqd layers its
 * reader and writer. Each upgrade is a Netty handler put into the socket's pipeline, so everything written
 * after it (frames, heartbeats, deliveries) goes through it, and each write comes out flushed: a compressed
 * frame is readable at once, as nsqd's flush per write batch makes it.
 */
final class StreamUpgrades {
    /** nsqd gives the TLS handshake five seconds. */
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 5000;

    private final NetSocketInternal socket;
    private volatile SslHandler ssl;
    private volatile boolean snappy;
    private volatile boolean deflate;

    StreamUpgrades(NetSocketInternal socket) {
        this.socket = socket;
    }

    /**
     * Starts TLS: the handler goes next to the socket, so it encrypts whatever is written from now on. Called
     * on the connection's loop right after IDENTIFY's answer was written in the clear.
     */
    void startTls(ServerTls tls) {
        ChannelHandlerContext ctx = socket.channelHandlerContext();
        SslHandler handler = tls.newHandler(ctx.alloc());
        handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        ctx.pipeline().addFirst("nsq-tls", handler);
        ssl = handler;
    }

    /** Snappy's framing format, as github.com/golang/snappy's Reader and Writer speak it. */
    void startSnappy() {
        addCodec(new SnappyFrameDecoder(true), new SnappyFrameEncoder());
        snappy = true;
    }

    /** Raw DEFLATE (no zlib header), as Go's compress/flate. */
    void startDeflate(int level) {
        addCodec(new JdkZlibDecoder(ZlibWrapper.NONE), new JdkZlibEncoder(ZlibWrapper.NONE, level));
        deflate = true;
    }

    /** Between TLS (if any) and the protocol's reader: reads decompress after decrypting, writes compress first. */
    private void addCodec(ChannelHandler decoder, ChannelHandler encoder) {
        ChannelHandlerContext ctx = socket.channelHandlerContext();
        ChannelPipeline pipeline = ctx.pipeline();
        // before the protocol's reader when it is installed, so that it reads what was decompressed
        String reader = pipeline.get(DirectReads.NAME) != null ? DirectReads.NAME : ctx.name();
        pipeline.addBefore(reader, "nsq-decompress", decoder);
        pipeline.addBefore(reader, "nsq-compress", encoder);
    }

    boolean tls() {
        return ssl != null;
    }

    boolean snappy() {
        return snappy;
    }

    boolean deflate() {
        return deflate;
    }

    /** The negotiated session, or null before the handshake completed. */
    private SSLSession session() {
        SslHandler h = ssl;
        if (h == null || !h.handshakeFuture().isSuccess()) {
            return null;
        }
        return h.engine().getSession();
    }

    /** IANA's name, which is also Go's. */
    String cipherSuite() {
        SSLSession s = session();
        return s == null ? "" : s.getCipherSuite();
    }

    /** nsqd's spelling: "TLS1.2", not the JDK's "TLSv1.2". */
    String tlsVersion() {
        SSLSession s = session();
        if (s == null) {
            return "";
        }
        return switch (s.getProtocol()) {
            case "TLSv1" -> "TLS1.0";
            case "TLSv1.1" -> "TLS1.1";
            case "TLSv1.2" -> "TLS1.2";
            case "TLSv1.3" -> "TLS1.3";
            default -> "Unknown " + s.getProtocol();
        };
    }

    /** The client certificate's subject CN, which nsqd passes to the auth server; empty without one. */
    String peerCommonName() {
        return PeerCommonName.of(session());
    }
}
