package io.nsqj.broker.core;

import io.nsqj.protocol.Frames;
import io.vertx.core.buffer.Buffer;

/**
 * One client subscribed to one channel: its RDY, its in-flight count and counters, and the frames batched
 * for it during a delivery round. Owned by the topic's loop.
 */
public final class Subscription {
    static final int STATE_SUBSCRIBED = 3;
    static final int STATE_CLOSING = 4;

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
    private Buffer pending;

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

    void append(Message m) {
        if (pending == null) {
            pending = Buffer.buffer(Math.max(256, (m.body.length + 64) * (int) Math.min(readyCount, 64)));
        }
        Frames.appendMessage(pending, m.timestampNanos, m.attempts, io.nsqj.protocol.MessageId.toBytes(m.id), m.body);
    }

    void flush() {
        if (pending != null) {
            Buffer out = pending;
            pending = null;
            subscriber.send(out);
        }
    }

    SubscriptionCounts counts() {
        return new SubscriptionCounts(closing ? STATE_CLOSING : STATE_SUBSCRIBED, readyCount, inFlightCount,
                messageCount, finishCount, requeueCount);
    }
}
