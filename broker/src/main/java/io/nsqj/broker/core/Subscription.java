package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
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
    /** A delivery round's buffer is sized for what RDY allows, up to this; past it, it grows. */
    private static final int INITIAL_BATCH_LIMIT = 1024 * 1024;
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
    private ByteBuf pending;

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
            if (pending == null) {
                pending = subscriber.allocator().directBuffer(FRAME_OVERHEAD);
            }
            Frames.writeMessageHeader(pending, m.timestampNanos, m.attempts, m.id, m.body.length);
            flush();
            subscriber.send(Unpooled.wrappedBuffer(m.body));
            return;
        }
        if (pending == null) {
            // room for the round without regrowing: as many as RDY allows and the channel holds (a buffer sized
            // for RDY alone would be a few hundred KiB per message at a moderate rate, all garbage)
            int frame = m.body.length + FRAME_OVERHEAD;
            long round = (long) frame * (Math.min(readyCount - inFlightCount, queuedAfter) + 1);
            pending = subscriber.allocator().directBuffer((int) Math.max(frame, Math.min(round, INITIAL_BATCH_LIMIT)));
        }
        Frames.writeMessage(pending, m.timestampNanos, m.attempts, m.id, m.body);
    }

    void flush() {
        if (pending != null) {
            ByteBuf out = pending;
            pending = null;
            subscriber.send(out);
        }
    }

    SubscriptionCounts counts() {
        return new SubscriptionCounts(closing ? STATE_CLOSING : STATE_SUBSCRIBED, readyCount, inFlightCount,
                messageCount, finishCount, requeueCount);
    }
}
