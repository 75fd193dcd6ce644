package io.nsqj.broker.core;

import io.vertx.core.buffer.Buffer;

/**
 * What a channel needs of a subscribed client connection. Called on the topic's loop; implementations hand
 * the work over to the connection's own loop.
 */
public interface Subscriber {
    /** Writes already framed message frames; one call per delivery batch. */
    void send(Buffer frames);

    /** The channel or topic went away: the connection is closed, as nsqd does. */
    void close();

    /** The client's part of /stats, completed with the counters the subscription keeps. */
    ClientStats stats(SubscriptionCounts counts);
}
