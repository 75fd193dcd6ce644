package io.nsqj.broker.core;

import java.util.function.LongConsumer;

/**
 * A FIFO of longs (a memory queue's references into its topic's {@link MessageStore}) in one growing array:
 * 8 bytes per queued message, no object per entry. Owned by the topic's loop.
 */
final class RefRing {
    private static final int INITIAL_CAPACITY = 16;
    /** An empty ring larger than this gives its array back, so an idle queue does not keep its peak. */
    private static final int KEPT_CAPACITY = 1 << 12;

    private long[] refs = new long[INITIAL_CAPACITY];
    private int head;
    private int size;

    void add(long ref) {
        if (size == refs.length) {
            grow();
        }
        refs[(head + size) & (refs.length - 1)] = ref;
        size++;
    }

    /** The first reference; the ring must not be empty. */
    long peek() {
        if (size == 0) {
            throw new IllegalStateException("empty ring");
        }
        return refs[head];
    }

    /** Removes and returns the first reference; the ring must not be empty. */
    long poll() {
        long ref = peek();
        head = (head + 1) & (refs.length - 1);
        if (--size == 0) {
            head = 0;
            if (refs.length > KEPT_CAPACITY) {
                refs = new long[INITIAL_CAPACITY];
            }
        }
        return ref;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The reference {@code index} places after the first. */
    long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return refs[(head + index) & (refs.length - 1)];
    }

    /** First to last. */
    void forEach(LongConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(refs[(head + i) & (refs.length - 1)]);
        }
    }

    void clear() {
        head = 0;
        size = 0;
        if (refs.length > KEPT_CAPACITY) {
            refs = new long[INITIAL_CAPACITY];
        }
    }

    private void grow() {
        long[] bigger = new long[refs.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = refs[(head + i) & (refs.length - 1)];
        }
        refs = bigger;
        head = 0;
    }
}
