package io.nsqj.broker.core;

import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.infra.Blackhole;

/** A client that always reads: every batch of message frames it is sent goes to JMH's blackhole. */
final class BlackholeSubscriber implements Subscriber {
    private final Blackhole blackhole;

    BlackholeSubscriber(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void send(Buffer frames) {
        blackhole.consume(frames);
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public ClientStats stats(SubscriptionCounts counts) {
        throw new UnsupportedOperationException("no stats in a benchmark");
    }
}
