package io.nsqj.broker.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class MessageStoreTest {
    private final MemoryBudget budget = new MemoryBudget(64L << 20);
    private final MessageStore store = new MessageStore(budget);

    @AfterEach
    void everyChunkIsGivenBack() {
        store.trim();
        assertEquals(0, store.chunkCount());
        assertEquals(0, budget.usedBytes());
    }

    private static Message message(long id, String body) {
        Message m = new Message(id, body.getBytes(StandardCharsets.UTF_8), 1_000_000L * id, (int) id % 7);
        m.dueAtMillis = 5 * id;
        return m;
    }

    @Test
    void aRecordReadsBackAsTheMessageStored() {
        long ref = store.append(message(3, "three"));
        Message m = store.read(ref);
        assertEquals(3, m.id());
        assertEquals(3_000_000L, m.timestampNanos());
        assertEquals(3, m.attempts());
        assertEquals(15, m.dueAtMillis);
        assertArrayEquals("three".getBytes(StandardCharsets.UTF_8), m.body());
        store.release(ref);
    }

    @Test
    void queuesGetTheirMessagesBackInTheOrderPut() throws Exception {
        BackedQueue queue = new BackedQueue(100_000, store, null, Runnable::run, 1000, null);
        for (int i = 1; i <= 50_000; i++) {
            queue.put(message(i, "body " + i));
        }
        for (int i = 1; i <= 50_000; i++) {
            Message m = queue.poll();
            assertEquals(i, m.id());
            assertEquals("body " + i, new String(m.body(), StandardCharsets.UTF_8));
        }
        assertEquals(null, queue.poll());
    }

    @Test
    void aChunkIsFreedOnceEveryRecordInItIsTaken() {
        List<Long> refs = new ArrayList<>();
        String body = "x".repeat(1000);
        // enough records for several chunks
        for (int i = 1; i <= 600; i++) {
            refs.add(store.append(message(i, body)));
        }
        int chunks = store.chunkCount();
        assertEquals(true, chunks > 2, chunks + " chunks");
        long firstChunk = refs.get(0) >>> 32;
        for (long ref : refs) {
            if (ref >>> 32 == firstChunk) {
                store.release(ref);
            }
        }
        assertEquals(chunks - 1, store.chunkCount(), "the first chunk is given back");
        for (long ref : refs) {
            if (ref >>> 32 != firstChunk) {
                store.release(ref);
            }
        }
        assertEquals(1, store.chunkCount(), "the chunk being appended to stays for the next records");
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aRecordHeldByManyQueuesIsStoredOnceAndLivesUntilTheLastLetsGo() {
        Message m = message(9, "shared");
        long first = store.hold(m);
        long second = store.hold(m);
        long third = store.hold(m);
        assertEquals(first, second);
        assertEquals(first, third);
        assertEquals(MessageStore.RECORD_HEADER + 6, budget.usedBytes(), "one record for three queues");
        store.release(first);
        store.release(second);
        assertEquals("shared", new String(store.read(third).body(), StandardCharsets.UTF_8));
        store.release(third);
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aRecordBeyondTheBudgetIsRefused() {
        MemoryBudget small = new MemoryBudget(2L * (MessageStore.RECORD_HEADER + 100));
        MessageStore limited = new MessageStore(small);
        String body = "y".repeat(100);
        long a = limited.append(message(1, body));
        long b = limited.append(message(2, body));
        assertNotEquals(0, a);
        assertNotEquals(0, b);
        assertEquals(0, limited.append(message(3, body)));
        limited.release(a);
        limited.release(b);
        assertEquals(0, small.usedBytes(), "an empty store gives its records' room back");
        long c = limited.append(message(4, body));
        assertNotEquals(0, c);
        limited.release(c);
        limited.trim();
        assertEquals(0, limited.chunkCount());
    }

    @Test
    void aChannelsQueuesShareTheTopicsRecord() throws Exception {
        BackedQueue one = new BackedQueue(10, store, null, Runnable::run, 1000, null);
        BackedQueue two = new BackedQueue(10, store, null, Runnable::run, 1000, null);
        Message m = message(5, "fan-out");
        one.put(m);
        two.put(m);
        assertEquals(MessageStore.RECORD_HEADER + 7, budget.usedBytes());
        Message fromOne = one.poll();
        fromOne.attempts++;
        Message fromTwo = two.poll();
        assertEquals(5, fromTwo.id());
        assertEquals(5 % 7, fromTwo.attempts(), "each queue's message is its own");
        assertEquals("fan-out", new String(fromTwo.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aLargeRecordGetsAChunkOfItsOwn() {
        String body = "z".repeat(3 * MessageStore.MAX_CHUNK);
        long ref = store.append(message(1, body));
        assertEquals(body, new String(store.read(ref).body(), StandardCharsets.UTF_8));
        store.release(ref);
    }
}
