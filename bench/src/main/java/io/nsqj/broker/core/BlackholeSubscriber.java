package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.infra.Blackhole;

/** A client that always reads: every batch of message frames it is sent goes to JMH's blackhole. */
final class BlackholeSubscriber implements Subscriber {
    private final Blackhole blackhole;

    BlackholeSubscriber(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }

    @Override
    public void send(ByteBuf frames) {
        blackhole.consume(frames.readableBytes());
        frames.release();
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
