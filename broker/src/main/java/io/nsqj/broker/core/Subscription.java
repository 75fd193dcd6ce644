package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.nsqj.protocol.Frames;

/**
 * One client subscribed to one channel: its RDY, its in-flight count and counters, and the frames batched
 * for it during a delivery round. Owned by the topic's loop.
 */
public final class Subscription {
    static final int STATE_SUBSCRIBED = 3;
    static final int STATE_CLOSING = 4;
    /** Frame size, type, timestamp, attempts and id before a message's body. */
    private static final int FRAME_OVERHEAD = 4 + 4 + 8 + 2 + 16;
    /**
     * A delivery round's frames are written into pieces of at most this size, sent together as one composite
     * buffer. Netty pools buffers only up to its chunk size, 64 KiB under Quarkus (io.netty.allocator.maxOrder
     * 3): a round in one larger buffer was allocated from the system and freed whole every time, its pages
     * faulted in and unmapped again (an eighth of the loops' time while consuming). 32 KiB is also the most
     * each loop's own cache of freed buffers keeps.
     */
    static final int PIECE_BYTES = 32 * 1024;
    /** A body this large is sent wrapped, not copied: it always fits a piece with its header when copied. */
    private static final int SEPARATE_BODY_BYTES = 16 * 1024;

    final Subscriber subscriber;
    final Channel channel;
    long readyCount;
    long inFlightCount;
    long messageCount;
    long finishCount;
    long requeueCount;
    long msgTimeoutMillis;
    int sampleRate;
    boolean closing;
    /** The piece being filled in this delivery round, or null. */
    private ByteBuf pending;
    /** This round's earlier, full pieces, or null while it fits one. */
    private CompositeByteBuf fullPieces;

    Subscription(Subscriber subscriber, Channel channel, long msgTimeoutMillis, int sampleRate) {
        this.subscriber = subscriber;
        this.channel = channel;
        this.msgTimeoutMillis = msgTimeoutMillis;
        this.sampleRate = sampleRate;
    }

    public Channel channel() {
        return channel;
    }

    boolean canReceive() {
        return !closing && inFlightCount < readyCount && subscriber.isWritable();
    }

    /** {@code queuedAfter}: what the channel still holds, bounding this round with RDY. */
    void append(Message m, long queuedAfter) {
        if (m.body.length >= SEPARATE_BODY_BYTES) {
            // a large body goes out as a buffer of its own wrapping the shared array: no copy per delivery
            ensureRoom(FRAME_OVERHEAD, 1);
            Frames.writeMessageHeader(pending, m.timestampNanos, m.attempts, m.id, m.body.length);
            flush();
            subscriber.send(Unpooled.wrappedBuffer(m.body));
            return;
        }
        int frame = m.body.length + FRAME_OVERHEAD;
        ensureRoom(frame, Math.min(readyCount - inFlightCount, queuedAfter) + 1);
        Frames.writeMessage(pending, m.timestampNanos, m.attempts, m.id, m.body);
    }

    /**
     * A piece with room for {@code frame} bytes: the current one, or a new one sized for the {@code frames}
     * this round may still take (as many as RDY allows and the channel holds), up to a piece. A buffer sized
     * for RDY alone would be a few hundred KiB per message at a moderate rate, all garbage.
     */
    private void ensureRoom(int frame, long frames) {
        if (pending != null && pending.writableBytes() >= frame) {
            return;
        }
        if (pending != null) {
            if (fullPieces == null) {
                // never consolidated: merging the pieces would make the one large buffer they avoid
                fullPieces = subscriber.allocator().compositeDirectBuffer(Integer.MAX_VALUE);
            }
            fullPieces.addComponent(true, pending);
        }
        pending = subscriber.allocator().directBuffer((int) Math.max(frame, Math.min(frame * frames, PIECE_BYTES)));
    }

    void flush() {
        ByteBuf out = pending;
        if (fullPieces != null) {
            if (pending != null) {
                fullPieces.addComponent(true, pending);
            }
            out = fullPieces;
        }
        pending = null;
        fullPieces = null;
        if (out != null) {
            subscriber.send(out);
        }
    }

    SubscriptionCounts counts() {
        return new SubscriptionCounts(closing ? STATE_CLOSING : STATE_SUBSCRIBED, readyCount, inFlightCount,
                messageCount, finishCount, requeueCount);
    }
}
