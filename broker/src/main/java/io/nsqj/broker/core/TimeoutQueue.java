package io.nsqj.broker.core;

import java.util.function.Consumer;

/**
 * A channel's in-flight or deferred messages by deadline. Deadlines mostly come in order: now plus the same
 * msg-timeout for every delivery, now plus the same delay for every REQ. Those join the tail of a list linked
 * through the messages themselves, so that adding and removing one (at each delivery and FIN) costs a few
 * pointer writes instead of sifting a heap of thousands, each step a likely cache miss. A deadline before the
 * list's tail (a client with a shorter timeout, a TOUCH capped by max-msg-timeout, a shorter defer) goes into
 * a {@link DeadlineHeap} instead. A member's deadline must not change while it is queued.
 */
final class TimeoutQueue {
    private final DeadlineHeap outOfOrder = new DeadlineHeap();
    private Message head;
    private Message tail;
    private int listed;

    int size() {
        return listed + outOfOrder.size();
    }

    void add(Message m) {
        if (tail != null && m.deadline < tail.deadline) {
            outOfOrder.add(m);
            return;
        }
        m.listedIn = this;
        m.prevDue = tail;
        m.nextDue = null;
        if (tail == null) {
            head = m;
        } else {
            tail.nextDue = m;
        }
        tail = m;
        listed++;
    }

    void remove(Message m) {
        if (m.listedIn == this) {
            unlink(m);
        } else {
            outOfOrder.remove(m);
        }
    }

    /** Removes and returns the earliest message whose deadline is at or before {@code now}, else null. */
    Message pollDue(long now) {
        long heapDeadline = outOfOrder.earliestDeadline();
        if (head != null && head.deadline <= now && head.deadline <= heapDeadline) {
            Message m = head;
            unlink(m);
            return m;
        }
        return outOfOrder.pollDue(now);
    }

    void forEach(Consumer<Message> action) {
        for (Message m = head; m != null; m = m.nextDue) {
            action.accept(m);
        }
        outOfOrder.forEach(action);
    }

    /** Empties the queue, handing each message to the consumer. */
    void drainTo(Consumer<Message> sink) {
        Message m = head;
        head = null;
        tail = null;
        listed = 0;
        while (m != null) {
            Message next = m.nextDue;
            m.listedIn = null;
            m.prevDue = null;
            m.nextDue = null;
            sink.accept(m);
            m = next;
        }
        outOfOrder.drainTo(sink);
    }

    private void unlink(Message m) {
        Message prev = m.prevDue;
        Message next = m.nextDue;
        if (prev == null) {
            head = next;
        } else {
            prev.nextDue = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.prevDue = prev;
        }
        m.listedIn = null;
        m.prevDue = null;
        m.nextDue = null;
        listed--;
    }
}
