package io.nsqj.client;

import java.time.Duration;

/** Where a message's answers go: the connection that delivered it. */
interface MessageResponder {
    void finish(Message message);

    /** REQ; with backoff the consumer slows down as after a failed handler, without it the rate is kept. */
    void requeue(Message message, Duration delay, boolean backoff);

    void touch(Message message);
}
