package io.nsqj.broker.core;

import io.netty.util.collection.LongObjectHashMap;

import java.util.Collection;

/**
 * A channel's in-flight messages by id. Ids delivered close together differ mostly in a per-millisecond
 * sequence in their low bits and in high timestamp bits that an open-addressing table's index never sees, so
 * messages of consecutive milliseconds would pile into the same few slots and every lookup would probe long
 * runs. Keys are scrambled first with a bijection (MurmurHash3's 64-bit finalizer): distinct ids stay distinct.
 * Owned by the channel's loop.
 */
final class InFlightMessages {
    private final LongObjectHashMap<Message> byKey = new LongObjectHashMap<>();

    Message get(long id) {
        return byKey.get(scramble(id));
    }

    void put(Message m) {
        byKey.put(scramble(m.id), m);
    }

    /** Returns the message removed, or null. */
    Message remove(long id) {
        return byKey.remove(scramble(id));
    }

    Collection<Message> values() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }

    void clear() {
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
