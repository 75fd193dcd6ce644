package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * What a channel needs of a subscribed client connection. Called on the topic's loop; implementations hand
 * the work over to the connection's own loop.
 */
public interface Subscriber {
    /**
     * Where a delivery round's frames are built: the socket's own pool of direct buffers, so that they reach
     * the socket without a copy into, and then out of, a heap array.
     */
    ByteBufAllocator allocator();

    /** Writes already framed message frames, one call per delivery round, and releases them. */
    void send(ByteBuf frames);

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
