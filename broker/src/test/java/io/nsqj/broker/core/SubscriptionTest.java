package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A delivery round's frames: built in pooled pieces, sent once, in order. */
class SubscriptionTest {
    /** Netty's pool under Quarkus: 8 KiB pages, 64 KiB chunks. */
    private static final int CHUNK = 64 * 1024;

    /** The pool, noting the size of every direct buffer asked of it. */
    private static final class SizeNotingAllocator extends PooledByteBufAllocator {
        final List<Integer> directSizes = new ArrayList<>();

        SizeNotingAllocator() {
            super(true, 1, 1, 8192, 3);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            directSizes.add(initialCapacity);
            return super.newDirectBuffer(initialCapacity, maxCapacity);
        }
    }

    private final SizeNotingAllocator allocator = new SizeNotingAllocator();
    private final RecordingSubscriber subscriber = new RecordingSubscriber(allocator);

    @Test
    void aRoundLargerThanThePoolsChunkIsBuiltInPooledPiecesAndSentOnce() {
        Subscription sub = subscription(2500);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            sub.append(message(i, 200), n - i - 1);
        }
        sub.flush();

        assertEquals(1, subscriber.batches);
        assertEquals(n, subscriber.messages.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, subscriber.messages.get(i).id());
        }
        assertTrue(allocator.directSizes.size() > 1, "one piece for " + n + " messages");
        assertTrue(allocator.directSizes.stream().allMatch(size -> size <= Subscription.PIECE_BYTES),
                "buffers " + allocator.directSizes);
        assertEquals(0, allocator.metric().directArenas().get(0).numHugeAllocations());
        assertTrue(Subscription.PIECE_BYTES <= CHUNK);
    }

    @Test
    void aSmallRoundTakesOneBufferSizedForWhatItMayHold() {
        Subscription sub = subscription(2500);
        sub.append(message(1, 100), 2);
        sub.append(message(2, 100), 1);
        sub.append(message(3, 100), 0);
        sub.flush();

        assertEquals(List.of(3 * (100 + 34)), allocator.directSizes);
        assertEquals(List.of(1L, 2L, 3L), subscriber.messages.stream().map(RecordingSubscriber.Delivered::id).toList());
    }

    @Test
    void aLargeBodyAmongSmallOnesKeepsItsPlace() {
        Subscription sub = subscription(2500);
        for (int i = 0; i < 300; i++) {
            sub.append(message(i, i == 250 ? 100_000 : 200), 10);
        }
        sub.flush();

        assertEquals(300, subscriber.messages.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(i, subscriber.messages.get(i).id());
            assertEquals(i == 250 ? 100_000 : 200, subscriber.messages.get(i).body().length());
        }
        assertEquals(0, allocator.metric().directArenas().get(0).numHugeAllocations());
    }

    private Subscription subscription(long ready) {
        Subscription sub = new Subscription(subscriber, null, 60_000, 0);
        sub.readyCount = ready;
        return sub;
    }

    private static Message message(long id, int size) {
        byte[] body = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        return new Message(id, body, 1, 0);
    }
}
