package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A subscriber that decodes the message frames it is sent. */
final class RecordingSubscriber implements Subscriber {
    final List<Delivered> messages = new ArrayList<>();
    int batches;
    boolean closed;
    boolean writable = true;
    private final ByteBufAllocator allocator;

    record Delivered(long id, int attempts, String body) {
    }

    /** Bytes sent and not yet decoded: a frame may come in several sends (a large body goes on its own). */
    private Buffer stream = Buffer.buffer();

    RecordingSubscriber() {
        this(PooledByteBufAllocator.DEFAULT);
    }

    RecordingSubscriber(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public ByteBufAllocator allocator() {
        return allocator;
    }

    @Override
    public void send(ByteBuf frames) {
        batches++;
        // into the heap: a copy would take a buffer from the allocator under test
        byte[] bytes = new byte[frames.readableBytes()];
        frames.getBytes(frames.readerIndex(), bytes);
        stream.appendBytes(bytes);
        frames.release();
        int pos = 0;
        while (stream.length() - pos >= 4 && stream.length() - pos >= 4 + stream.getInt(pos)) {
            int size = stream.getInt(pos);
            int bodyStart = pos + 8 + Message.HEADER_LENGTH;
            int attempts = stream.getUnsignedShort(pos + 16);
            long id = io.nsqj.protocol.MessageId.parse(stream.getBytes(pos + 18, pos + 34), 0, 16);
            String body = new String(stream.getBytes(bodyStart, pos + 4 + size), StandardCharsets.UTF_8);
            messages.add(new Delivered(id, attempts, body));
            pos += 4 + size;
        }
        stream = stream.getBuffer(pos, stream.length());
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public ClientStats stats(SubscriptionCounts counts) {
        return null;
    }
}
