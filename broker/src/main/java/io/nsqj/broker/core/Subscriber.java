package io.nsqj.broker.core;

import io.vertx.core.buffer.Buffer;

/**
 * What a channel needs of a subscribed client connection. Called on the topic's loop; implementations hand
 * the work over to the connection's own loop.
 */
public interface Subscriber {
    /** Writes already framed message frames; one call per delivery batch. */
    void send(Buffer frames);

    /**
     * False while the client is not reading what it was sent (its socket's write queue is full): deliveries
     * then wait in the channel, so a consumer that stops reading holds no more than one write queue's worth.
     * Called on the topic's loop for every delivery: it must not lock.
     */
    boolean isWritable();

    /** The channel or topic went away: the connection is closed, as nsqd does. */
    void close();

    /** The client's part of /stats, completed with the counters the subscription keeps. */
    ClientStats stats(SubscriptionCounts counts);
}
