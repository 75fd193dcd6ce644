package io.nsqj.broker.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.nsqj.broker.auth.AuthState;
import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.Subscriber;
import io.nsqj.broker.core.Subscription;
import io.nsqj.broker.core.SubscriptionCounts;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.GoAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One TCP client: its socket, what it said in IDENTIFY, heartbeats, and replies kept in command order even
 * when a command completes on a topic's loop. Owned by the connection's event loop, except the methods of
 * {@link Subscriber}, which the topic's loop calls and which only touch the (thread-safe) socket.
 */
public final class ClientConnection implements Subscriber {
    /** Past this many unanswered publishes the socket stops reading until the topics catch up. */
    private static final int MAX_PENDING_PUBLISHES = 64;
    /**
     * Past this many unanswered commands of any kind (FIN, REQ, TOUCH: small, and a consumer sends thousands
     * per read) reading stops too; set high so a busy consumer is never paused, only a flooding one.
     */
    private static final int MAX_PENDING_REPLIES = 65_536;

    private final long id;
    private final NetSocket socket;
    private final Vertx vertx;
    private final ClientRegistry registry;
    private final long connectTs = System.currentTimeMillis() / 1000;
    private final String remoteAddress;
    private final String remoteIp;
    private final StreamUpgrades upgrades;
    private final ArrayDeque<Reply> replies = new ArrayDeque<>();
    private final Map<String, Long> pubCounts = new ConcurrentHashMap<>();
    private boolean readPaused;
    private int pendingPublishes;
    /**
     * Something waits for {@link #drainReplies} beyond the next read: replies queued behind a pending one, or
     * reading paused. A topic's loop that completes replies without a task back ({@link Reply#completeSilently})
     * reads it and then hands a drain back after all. It and the replies' {@code done} are volatile, each side
     * writes its own before it reads the other's, so at least one side sees the other's write and the drain
     * is never missed.
     */
    private volatile boolean drainWanted;
    /**
     * The socket's write queue is past its high-water mark: the client does not read what it is sent. Reading
     * stops until the queue drains, as nsqd's read loop stops while its write blocks; otherwise a client that
     * pipelines commands and never reads would pile their replies up here without bound.
     */
    private boolean writesBacklogged;
    /** The topic's loop found the socket full and held deliveries back: they resume once it drains. */
    private volatile boolean deliveriesHeld;
    /** Set by SUB: asks the channel, on its loop, to deliver again. */
    private volatile Runnable deliveriesResume;
    private volatile boolean closed;
    private long heartbeatTimer = -1;
    private long idleTimer = -1;
    private long lastReadAt = System.currentTimeMillis();

    volatile String clientId;
    volatile String hostname;
    volatile String userAgent = "";
    volatile int sampleRate;
    volatile String topologyZone = "";
    volatile String topologyRegion = "";
    long heartbeatMillis;
    long msgTimeoutMillis;
    long outputBufferTimeoutMillis;
    long outputBufferSize = 16 * 1024;

    /** What AUTH obtained; replaced when it expired and was fetched again. Null before AUTH. */
    volatile AuthState authState;

    /** Set on the topic's loop by SUB; read there only. */
    Subscription subscription;

    ClientConnection(long id, NetSocket socket, Vertx vertx, ClientRegistry registry, ProtocolLimits limits) {
        this.id = id;
        this.socket = socket;
        this.vertx = vertx;
        this.registry = registry;
        this.remoteAddress = GoAddresses.hostPort(socket.remoteAddress());
        String host = GoAddresses.host(socket.remoteAddress());
        this.remoteIp = host;
        this.upgrades = new StreamUpgrades((NetSocketInternal) socket);
        // until IDENTIFY, nsqd names a client by the host of its address: "127.0.0.1", or "::1" unbracketed
        this.clientId = host;
        this.hostname = host;
        this.heartbeatMillis = limits.defaultHeartbeatMillis();
        this.msgTimeoutMillis = limits.msgTimeoutMillis();
        this.outputBufferTimeoutMillis = limits.outputBufferTimeoutMillis();
        socket.drainHandler(v -> drained());
    }

    public long id() {
        return id;
    }

    StreamUpgrades upgrades() {
        return upgrades;
    }

    /** The client's IP without port, as nsqd sends it to the auth server. */
    String remoteIp() {
        return remoteIp;
    }

    boolean hasAuthorizations() {
        AuthState a = authState;
        return a != null && a.hasAuthorizations();
    }

    boolean isClosed() {
        return closed;
    }

    void readHappened() {
        lastReadAt = System.currentTimeMillis();
    }

    /** (Re)starts heartbeats: one every interval, and the connection dies after two silent intervals. */
    void startHeartbeats() {
        stopTimers();
        if (heartbeatMillis <= 0) {
            return;
        }
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, t -> socket.write(Frames.response(Frames.HEARTBEAT)));
        scheduleIdleCheck();
    }

    /**
     * nsqd's read deadline: two intervals after the client's last read, not after the last heartbeat. One
     * timer at that deadline, moved on when reads came in meanwhile, spares a timer reset on every read.
     */
    private void scheduleIdleCheck() {
        long silence = 2 * heartbeatMillis;
        long delay = lastReadAt + silence - System.currentTimeMillis();
        idleTimer = vertx.setTimer(Math.max(1, delay), t -> {
            if (System.currentTimeMillis() - lastReadAt >= silence) {
                close();
            } else {
                scheduleIdleCheck();
            }
        });
    }

    private void stopTimers() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    /** A reply known now; it still waits behind replies of earlier commands that are not complete. */
    void reply(Buffer frame) {
        reply(frame, null);
    }

    /**
     * A reply followed by a step that must happen right after it was written and before anything later is
     * (IDENTIFY's answer is written in the clear, then the stream upgrades).
     */
    void reply(Buffer frame, Runnable afterWrite) {
        if (replies.isEmpty()) {
            write(frame);
            if (afterWrite != null) {
                afterWrite.run();
            }
        } else {
            Reply r = new Reply();
            r.complete(frame, false);
            r.afterWrite = afterWrite;
            replies.add(r);
            // the pending ones ahead may have completed silently already
            drainReplies();
        }
    }

    /** On a topic's loop, after it completed replies silently: a drain only if something waits for one. */
    void completedSilently(OwnerLoop clientLoop) {
        if (drainWanted) {
            clientLoop.run(this::drainReplies);
        }
    }

    /** A reply that some topic's loop will complete; keeps its place in command order. */
    Reply pendingReply() {
        return pendingReply(false);
    }

    /** The reply of a PUB, MPUB or DPUB, whose bodies are held until the topic took them. */
    Reply pendingPublishReply() {
        return pendingReply(true);
    }

    private Reply pendingReply(boolean publish) {
        Reply r = new Reply();
        r.publish = publish;
        replies.add(r);
        if (publish) {
            pendingPublishes++;
        }
        if (!readPaused && (pendingPublishes > MAX_PENDING_PUBLISHES || replies.size() > MAX_PENDING_REPLIES)) {
            readPaused = true;
            updateReading();
            // replies completed silently would otherwise sit until a read that cannot come
            drainWanted = true;
        }
        return r;
    }

    /**
     * On the connection's loop, when a pending reply completed and at each read: writes the replies done, in
     * order, up to the first one still pending.
     */
    void drainReplies() {
        while (true) {
            while (!replies.isEmpty() && replies.peek().done) {
                Reply r = replies.poll();
                if (r.publish) {
                    pendingPublishes--;
                }
                if (r.frame != null) {
                    write(r.frame);
                }
                if (r.afterWrite != null) {
                    r.afterWrite.run();
                }
                if (r.fatal) {
                    closeAfterWrites();
                    return;
                }
            }
            // replies wait behind a pending one, which may complete silently: its loop must drain then
            if (replies.size() > 1 && !drainWanted) {
                drainWanted = true;
                if (replies.peek().done) {
                    continue;
                }
            }
            break;
        }
        if (readPaused && pendingPublishes <= MAX_PENDING_PUBLISHES / 2 && replies.size() <= MAX_PENDING_REPLIES / 2) {
            readPaused = false;
            updateReading();
        }
        if (replies.isEmpty()) {
            drainWanted = false;
        }
    }

    /** Writes a reply on the connection's loop, and stops reading while the client does not read. */
    void write(Buffer frame) {
        socket.write(frame);
        if (!writesBacklogged && socket.writeQueueFull()) {
            writesBacklogged = true;
            updateReading();
            socket.drainHandler(v -> drained());
        }
    }

    /**
     * The socket's write queue drained, on the connection's loop: reading goes on, and deliveries the channel
     * held back meanwhile resume now rather than at its next periodic scan.
     */
    private void drained() {
        if (writesBacklogged) {
            writesBacklogged = false;
            updateReading();
        }
        if (deliveriesHeld) {
            deliveriesHeld = false;
            Runnable resume = deliveriesResume;
            if (resume != null) {
                resume.run();
            }
        }
    }

    void onDeliveriesResume(Runnable resume) {
        deliveriesResume = resume;
    }

    private void updateReading() {
        boolean reading = !readPaused && !writesBacklogged;
        if (reading) {
            socket.resume();
        } else {
            socket.pause();
        }
        // reads reach the protocol before Vert.x's handler (DirectReads), which its pause does not hold back
        ChannelHandlerContext ctx = ((NetSocketInternal) socket).channelHandlerContext();
        if (ctx != null && ctx.channel() != null) {
            ctx.channel().config().setAutoRead(reading);
        }
    }

    /** Sends a fatal error (in order) and closes the connection. */
    void fatal(Buffer errorFrame) {
        if (replies.isEmpty()) {
            write(errorFrame);
            closeAfterWrites();
        } else {
            Reply r = new Reply();
            r.complete(errorFrame, true);
            replies.add(r);
            drainReplies();
        }
    }

    void closeAfterWrites() {
        closed = true;
        socket.close();
    }

    void recordPublished(String topic, long count) {
        pubCounts.merge(topic, count, Long::sum);
    }

    public boolean hasPublished() {
        return !pubCounts.isEmpty();
    }

    /** Socket closed: stop timers and leave the registry. */
    void closed() {
        closed = true;
        stopTimers();
        registry.remove(this);
    }

    /**
     * Messages, from the topic's loop. The channel sends nothing more while {@link #isWritable()} is false, so
     * a consumer that stops reading holds at most one delivery round beyond a full write queue (bounded by its
     * RDY); the rest waits in the channel, in memory up to mem-queue-size and on disk beyond.
     */
    @Override
    public void send(ByteBuf frames) {
        if (closed) {
            frames.release();
            return;
        }
        // as a Netty buffer, past Vert.x's Buffer: written as it is, then released by Netty
        ((NetSocketInternal) socket).writeMessage(frames);
    }

    @Override
    public ByteBufAllocator allocator() {
        return ((NetSocketInternal) socket).channelHandlerContext().alloc();
    }

    /** Lock-free (Netty's channel writability), as the topic's loop asks it for every delivery. */
    @Override
    public boolean isWritable() {
        if (socket.writeQueueFull()) {
            deliveriesHeld = true;
            // the drain may have come between the check and the flag: it is then no longer full
            return !socket.writeQueueFull();
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }

    @Override
    public ClientStats stats(SubscriptionCounts counts) {
        return stats(counts, null);
    }

    /** /stats' view of this client; a producer has no subscription counts. */
    public ClientStats stats(SubscriptionCounts counts, String topicFilter) {
        List<ClientStats.PubCount> pubs = new ArrayList<>();
        pubCounts.forEach((topic, count) -> {
            if (topicFilter == null || topicFilter.isEmpty() || topicFilter.equals(topic)) {
                pubs.add(new ClientStats.PubCount(topic, count));
            }
        });
        pubs.sort(java.util.Comparator.comparing(ClientStats.PubCount::topic));
        SubscriptionCounts c = counts != null ? counts : new SubscriptionCounts(0, 0, 0, 0, 0, 0);
        AuthState auth = authState;
        return new ClientStats(clientId, hostname, "V2", remoteAddress, c.state(), c.readyCount(),
                c.inFlightCount(), c.messageCount(), c.finishCount(), c.requeueCount(), connectTs, sampleRate,
                upgrades.deflate(), upgrades.snappy(), userAgent, auth != null && auth.hasAuthorizations(),
                auth == null ? "" : auth.identity(), auth == null ? "" : auth.identityUrl(), upgrades.tls(),
                upgrades.cipherSuite(), upgrades.tlsVersion(), "", false, topologyZone, topologyRegion, pubs);
    }

    @Override
    public String toString() {
        return remoteAddress;
    }

    /** A reply slot: filled on the connection's loop, written once every earlier slot is written. */
    static final class Reply {
        private Buffer frame;
        private boolean fatal;
        /** Volatile: a topic's loop may set it, with nothing else, through {@link #completeSilently}. */
        private volatile boolean done;
        private Runnable afterWrite;
        private boolean publish;

        void complete(Buffer frame, boolean fatal) {
            this.frame = frame;
            this.fatal = fatal;
            this.done = true;
        }

        /**
         * On a topic's loop: the command answers nothing (a FIN that found its message). Nothing to write, so
         * no task back; the next drain on the connection's loop passes over it.
         */
        void completeSilently() {
            this.done = true;
        }
    }
}
