package io.nsqj.broker.core;

import java.util.Arrays;

/**
 * A binary min-heap of messages by deadline that removes any member in O(log n): the part of a
 * {@link TimeoutQueue} whose deadlines came out of order. Each message remembers its index, so FIN does not
 * leave garbage behind.
 * The deadlines sit in an array beside the messages, so that sifting through thousands in flight compares
 * without visiting each message's object. A member's deadline must not change while it is queued.
 */
final class DeadlineHeap {
    private Message[] heap = new Message[64];
    private long[] deadlines = new long[64];
    private int size;

    int size() {
        return size;
    }

    void add(Message m) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        heap[size] = m;
        deadlines[size] = m.deadline;
        m.queueIndex = size;
        size++;
        up(m.queueIndex);
    }

    /** Whether the message was in this heap (and is no more). */
    boolean remove(Message m) {
        int i = m.queueIndex;
        if (i < 0 || i >= size || heap[i] != m) {
            return false;
        }
        size--;
        Message last = heap[size];
        heap[size] = null;
        m.queueIndex = -1;
        if (i != size) {
            heap[i] = last;
            deadlines[i] = deadlines[size];
            last.queueIndex = i;
            down(i);
            up(last.queueIndex);
        }
        return true;
    }

    /** The earliest deadline, Long.MAX_VALUE when empty. */
    long earliestDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /** Removes and returns the earliest message whose deadline is at or before {@code now}, else null. */
    Message pollDue(long now) {
        if (size == 0 || deadlines[0] > now) {
            return null;
        }
        Message head = heap[0];
        remove(head);
        return head;
    }

    void forEach(java.util.function.Consumer<Message> action) {
        for (int i = 0; i < size; i++) {
            action.accept(heap[i]);
        }
    }

    /** Empties the queue, handing each message to the consumer. */
    void drainTo(java.util.function.Consumer<Message> sink) {
        for (int i = 0; i < size; i++) {
            Message m = heap[i];
            heap[i] = null;
            m.queueIndex = -1;
            sink.accept(m);
        }
        size = 0;
    }

    private void up(int i) {
        Message m = heap[i];
        long deadline = deadlines[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (deadlines[parent] <= deadline) {
                break;
            }
            Message p = heap[parent];
            heap[i] = p;
            deadlines[i] = deadlines[parent];
            p.queueIndex = i;
            i = parent;
        }
        heap[i] = m;
        deadlines[i] = deadline;
        m.queueIndex = i;
    }

    private void down(int i) {
        Message m = heap[i];
        long deadline = deadlines[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && deadlines[right] < deadlines[child]) {
                child = right;
            }
            if (deadline <= deadlines[child]) {
                break;
            }
            heap[i] = heap[child];
            deadlines[i] = deadlines[child];
            heap[i].queueIndex = i;
            i = child;
        }
        heap[i] = m;
        deadlines[i] = deadline;
        m.queueIndex = i;
    }
}
