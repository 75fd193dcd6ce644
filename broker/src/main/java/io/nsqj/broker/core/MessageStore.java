package io.nsqj.broker.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.collection.IntObjectHashMap;

/**
 * The messages a topic's memory queues (its own and its channels') hold, off the heap: each message is one
 * record (id, timestamp, attempts, due time, body) appended into a large direct-memory chunk, stored once
 * however many of the topic's queues hold it. A queue holds 8-byte references ({@link RefRing}); a chunk
 * counts the references into it and gives its memory back once none is left, so memory follows what is
 * queued, not its peak. Records count against the loop's queued {@link MemoryBudget} until their chunk goes.
 * Owned by the topic's loop.
 */
final class MessageStore {
    /** Bytes before the body in a record: id, timestamp, due time, attempts, body length. */
    static final int RECORD_HEADER = 8 + 8 + 8 + 2 + 4;
    /** At least the allocator's mmap threshold as bin/nsqd sets it: a freed chunk goes back to the system. */
    static final int MIN_CHUNK = 128 * 1024;
    static final int MAX_CHUNK = 1024 * 1024;
    private static final long ALLOCATION_BACKOFF_NANOS = 250_000_000L;
    /** Nothing to gain from a leak detector: every chunk is released explicitly, by its count. */
    private static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true, true);

    private final MemoryBudget budget;
    private final IntObjectHashMap<Chunk> chunks = new IntObjectHashMap<>();
    /** The chunk records are appended to; null until the first append and after {@link #trim()}. */
    private Chunk current;
    private int nextChunkId = 1;
    /** Grows while chunks fill up, so a topic with little queued takes little memory. */
    private int nextChunkSize = MIN_CHUNK;
    /** When direct memory last refused a chunk; none is asked for during the backoff after it. */
    private long allocationRefusedAt = System.nanoTime() - ALLOCATION_BACKOFF_NANOS;

    MessageStore(MemoryBudget budget) {
        this.budget = budget;
    }

    /**
     * A reference to {@code m} held by one more queue: its own record when {@link Message#storeRef} names one,
     * else a new record. 0 when a new record finds no room (the budget, or direct memory, is spent).
     */
    long hold(Message m) {
        if (m.storeRef != 0) {
            retain(m.storeRef);
            return m.storeRef;
        }
        long ref = append(m);
        m.storeRef = ref;
        return ref;
    }

    /** A new record of {@code m} with one reference, or 0 when there is no room for it. */
    long append(Message m) {
        int length = RECORD_HEADER + m.body.length;
        if (!budget.tryReserve(length)) {
            return 0;
        }
        if (current == null || current.buf.capacity() - current.written < length) {
            if (!startChunk(length)) {
                budget.release(length);
                return 0;
            }
        }
        Chunk chunk = current;
        int offset = chunk.written;
        ByteBuf buf = chunk.buf;
        buf.setLong(offset, m.id);
        buf.setLong(offset + 8, m.timestampNanos);
        buf.setLong(offset + 16, m.dueAtMillis);
        buf.setShort(offset + 24, m.attempts);
        buf.setInt(offset + 26, m.body.length);
        buf.setBytes(offset + RECORD_HEADER, m.body);
        chunk.written += length;
        chunk.charged += length;
        chunk.refs++;
        return ((long) chunk.id << 32) | offset;
    }

    private boolean startChunk(int recordLength) {
        if (current != null) {
            if (current.refs == 0) {
                free(current);
            }
            nextChunkSize = Math.min(MAX_CHUNK, nextChunkSize * 2);
        }
        current = null;
        if (System.nanoTime() - allocationRefusedAt < ALLOCATION_BACKOFF_NANOS) {
            return false;
        }
        ByteBuf buf;
        try {
            buf = ALLOCATOR.directBuffer(Math.max(nextChunkSize, recordLength));
        } catch (OutOfMemoryError e) {
            // direct memory is spent (other topics' chunks, the sockets' buffers): the message goes to disk, and so
            // do the next ones for a while, as each refused allocation may cost the loop a full GC and a wait
            allocationRefusedAt = System.nanoTime();
            return false;
        }
        int id;
        do {
            // after 2^31 chunks the ids wrap: one still alive (a channel nobody reads) keeps its id
            id = nextChunkId;
            nextChunkId = nextChunkId == Integer.MAX_VALUE ? 1 : nextChunkId + 1;
        } while (chunks.containsKey(id));
        current = new Chunk(id, buf);
        chunks.put(id, current);
        return true;
    }

    void retain(long ref) {
        chunk(ref).refs++;
    }

    /** One reference fewer; a chunk left without any is given back (the one being appended to is reused). */
    void release(long ref) {
        Chunk chunk = chunk(ref);
        if (--chunk.refs > 0) {
            return;
        }
        if (chunk == current) {
            budget.release(chunk.charged);
            chunk.charged = 0;
            chunk.written = 0;
        } else {
            free(chunk);
        }
    }

    /** A new Message (body on the heap) of the record; its {@link Message#storeRef} is left 0. */
    Message read(long ref) {
        ByteBuf buf = chunk(ref).buf;
        int offset = (int) ref;
        byte[] body = new byte[buf.getInt(offset + 26)];
        buf.getBytes(offset + RECORD_HEADER, body);
        Message m = new Message(buf.getLong(offset), body, buf.getLong(offset + 8),
                Short.toUnsignedInt(buf.getShort(offset + 24)));
        m.dueAtMillis = buf.getLong(offset + 16);
        return m;
    }

    /** Gives back the chunk being appended to when nothing refers to it: called when the topic is idle. */
    void trim() {
        if (current != null && current.refs == 0) {
            free(current);
            current = null;
            nextChunkSize = MIN_CHUNK;
        }
    }

    /** Direct memory the store's chunks take. */
    long allocatedBytes() {
        long bytes = 0;
        for (Chunk chunk : chunks.values()) {
            bytes += chunk.buf.capacity();
        }
        return bytes;
    }

    int chunkCount() {
        return chunks.size();
    }

    private void free(Chunk chunk) {
        chunks.remove(chunk.id);
        budget.release(chunk.charged);
        chunk.charged = 0;
        chunk.buf.release();
    }

    private Chunk chunk(long ref) {
        int id = (int) (ref >>> 32);
        Chunk chunk = current != null && current.id == id ? current : chunks.get(id);
        if (chunk == null) {
            throw new IllegalStateException("no chunk " + id + " in the message store");
        }
        return chunk;
    }

    /** A direct buffer of records with the count of references into it. */
    private static final class Chunk {
        final int id;
        final ByteBuf buf;
        int written;
        int refs;
        /** Bytes of the records written, reserved in the budget until the chunk is freed or reused. */
        long charged;

        Chunk(int id, ByteBuf buf) {
            this.id = id;
            this.buf = buf;
        }
    }
}
