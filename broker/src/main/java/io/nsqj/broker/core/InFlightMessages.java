package io.nsqj.broker.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel's in-flight messages by id: an open-addressing table (linear probing, at most half full) of ids
 * and their messages, so that a delivery and its FIN cost one probe each. Ids delivered close together differ
 * mostly in a per-millisecond sequence in their low bits and in high timestamp bits that a table's index
 * never sees, so messages of consecutive milliseconds would pile into the same few slots and every lookup
 * would probe long runs: a slot comes from the id scrambled first by a bijection (MurmurHash3's 64-bit
 * finalizer). Their bodies count against the loop's in-flight {@link MemoryBudget}. Owned by the channel's loop.
 */
final class InFlightMessages {
    private static final int MIN_CAPACITY = 64;

    private final MemoryBudget budget;
    private long[] ids = new long[MIN_CAPACITY];
    /** Null marks a free slot. */
    private Message[] messages = new Message[MIN_CAPACITY];
    private int size;

    InFlightMessages(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Whether the budget allows one more in flight; the first one always is, so every channel makes progress. */
    boolean hasRoomFor(Message m) {
        return size == 0 || budget.fits(m);
    }

    Message get(long id) {
        int i = find(id);
        return i < 0 ? null : messages[i];
    }

    /** Adds the message unless one with its id is in flight already: then returns that one and adds nothing. */
    Message putIfAbsent(Message m) {
        int mask = messages.length - 1;
        for (int i = slot(m.id, mask); ; i = (i + 1) & mask) {
            Message there = messages[i];
            if (there == null) {
                ids[i] = m.id;
                messages[i] = m;
                budget.reserve(m);
                if (++size > messages.length >>> 1) {
                    resize(messages.length << 1);
                }
                return null;
            }
            if (ids[i] == m.id) {
                return there;
            }
        }
    }

    /** Removes and returns the message with this id, or null. */
    Message remove(long id) {
        int i = find(id);
        if (i < 0) {
            return null;
        }
        Message m = messages[i];
        delete(i);
        budget.release(m);
        return m;
    }

    /** Removes and returns the message with this id if {@code owner} holds it, else null (and removes nothing). */
    Message removeOwnedBy(long id, Subscription owner) {
        int i = find(id);
        if (i < 0 || messages[i].owner != owner) {
            return null;
        }
        Message m = messages[i];
        delete(i);
        budget.release(m);
        return m;
    }

    /** A copy: the caller may remove while going through it. */
    List<Message> values() {
        List<Message> out = new ArrayList<>(size);
        for (Message m : messages) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    int size() {
        return size;
    }

    void clear() {
        for (Message m : messages) {
            if (m != null) {
                budget.release(m);
            }
        }
        ids = new long[MIN_CAPACITY];
        messages = new Message[MIN_CAPACITY];
        size = 0;
    }

    private int find(long id) {
        int mask = messages.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            Message there = messages[i];
            if (there == null) {
                return -1;
            }
            if (ids[i] == id) {
                return i;
            }
        }
    }

    /** Empties slot {@code free}, moving back later members of its run that would no longer be found. */
    private void delete(int free) {
        int mask = messages.length - 1;
        messages[free] = null;
        size--;
        for (int i = (free + 1) & mask; messages[i] != null; i = (i + 1) & mask) {
            int home = slot(ids[i], mask);
            // the member at i may move to the free slot only if its home is not in (free, i], cyclically
            if (((i - home) & mask) >= ((i - free) & mask)) {
                ids[free] = ids[i];
                messages[free] = messages[i];
                messages[i] = null;
                free = i;
            }
        }
    }

    private void resize(int capacity) {
        long[] oldIds = ids;
        Message[] oldMessages = messages;
        ids = new long[capacity];
        messages = new Message[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldMessages.length; j++) {
            if (oldMessages[j] != null) {
                int i = slot(oldIds[j], mask);
                while (messages[i] != null) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[j];
                messages[i] = oldMessages[j];
            }
        }
    }

    private static int slot(long id, int mask) {
        return (int) scramble(id) & mask;
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
