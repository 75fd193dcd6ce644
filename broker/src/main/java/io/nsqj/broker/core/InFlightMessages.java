package io.nsqj.broker.core;

import io.netty.util.collection.LongObjectHashMap;

import java.util.Collection;

/**
 * A channel's in-flight messages by id. Ids delivered close together differ mostly in a per-millisecond
 * sequence in their low bits and in high timestamp bits that an open-addressing table's index never sees, so
 * messages of consecutive milliseconds would pile into the same few slots and every lookup would probe long
 * runs. Keys are scrambled first with a bijection (MurmurHash3's 64-bit finalizer): distinct ids stay distinct.
 * Their bodies count against the loop's in-flight {@link MemoryBudget}. Owned by the channel's loop.
 */
final class InFlightMessages {
    private final LongObjectHashMap<Message> byKey = new LongObjectHashMap<>();
    private final MemoryBudget budget;

    InFlightMessages(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Whether the budget allows one more in flight; the first one always is, so every channel makes progress. */
    boolean hasRoomFor(Message m) {
        return byKey.isEmpty() || budget.fits(m);
    }

    Message get(long id) {
        return byKey.get(scramble(id));
    }

    void put(Message m) {
        Message replaced = byKey.put(scramble(m.id), m);
        if (replaced != null) {
            budget.release(replaced);
        }
        budget.reserve(m);
    }

    /** Returns the message removed, or null. */
    Message remove(long id) {
        Message m = byKey.remove(scramble(id));
        if (m != null) {
            budget.release(m);
        }
        return m;
    }

    Collection<Message> values() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }

    void clear() {
        for (Message m : byKey.values()) {
            budget.release(m);
        }
        byKey.clear();
    }

    static long scramble(long id) {
        long h = id;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
