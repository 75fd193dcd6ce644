package io.nsqj.broker.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimeoutQueueTest {
    private static Message at(long deadline) {
        Message m = new Message(deadline, new byte[0], 0, 0);
        m.deadline = deadline;
        return m;
    }

    /** Polls everything, checking that deadlines never go back; returns how many came. */
    private static int pollAllInOrder(TimeoutQueue q) {
        long last = -1;
        Message m;
        int count = 0;
        while ((m = q.pollDue(Long.MAX_VALUE)) != null) {
            assertEquals(true, m.deadline >= last);
            last = m.deadline;
            count++;
        }
        return count;
    }

    @Test
    void pollsDueMessagesInDeadlineOrder() {
        TimeoutQueue q = new TimeoutQueue();
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            q.add(at(random.nextInt(10_000)));
        }
        assertEquals(1000, pollAllInOrder(q));
    }

    @Test
    void nothingIsDueBeforeItsDeadline() {
        TimeoutQueue q = new TimeoutQueue();
        q.add(at(100));
        assertNull(q.pollDue(99));
        assertEquals(100, q.pollDue(100).deadline);
    }

    @Test
    void removingFromTheMiddleKeepsTheOrder() {
        TimeoutQueue q = new TimeoutQueue();
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Message m = at((i * 37) % 100);
            all.add(m);
            q.add(m);
        }
        for (int i = 0; i < 100; i += 3) {
            q.remove(all.get(i));
        }
        long last = -1;
        Message m;
        while ((m = q.pollDue(Long.MAX_VALUE)) != null) {
            assertEquals(true, m.deadline >= last);
            last = m.deadline;
        }
        assertEquals(0, q.size());
    }

    @Test
    void deadlinesInOrderCanBeRemovedInAnyOrder() {
        TimeoutQueue q = new TimeoutQueue();
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Message m = at(i / 3);
            all.add(m);
            q.add(m);
        }
        for (int i = 0; i < 1000; i += 3) {
            q.remove(all.get(i));
        }
        q.remove(all.get(998));
        q.remove(all.get(998));
        assertEquals(666 - 1, q.size());
        assertEquals(665, pollAllInOrder(q));
        assertEquals(0, q.size());
    }

    @Test
    void removingAMessageFromAnotherQueueChangesNeither() {
        TimeoutQueue inFlight = new TimeoutQueue();
        TimeoutQueue deferred = new TimeoutQueue();
        Message listed = at(10);
        Message early = at(5);
        inFlight.add(listed);
        inFlight.add(early);
        deferred.remove(listed);
        deferred.remove(early);
        assertEquals(2, inFlight.size());
        assertEquals(0, deferred.size());
        assertEquals(5, inFlight.pollDue(100).deadline);
        assertEquals(10, inFlight.pollDue(100).deadline);
    }

    /** Random adds (mostly in order, as deliveries come), removes and polls, against a sorted reference. */
    @Test
    void behavesAsASortedSetUnderRandomUse() {
        TimeoutQueue q = new TimeoutQueue();
        java.util.TreeSet<Message> reference = new java.util.TreeSet<>(
                java.util.Comparator.<Message>comparingLong(m -> m.deadline).thenComparingLong(m -> m.id));
        List<Message> members = new ArrayList<>();
        Random random = new Random(11);
        long now = 0;
        long id = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 5) {
                long deadline = now + (random.nextInt(20) == 0 ? random.nextInt(500) : 1_000);
                Message m = new Message(id++, new byte[0], 0, 0);
                m.deadline = deadline;
                q.add(m);
                reference.add(m);
                members.add(m);
            } else if (op < 8 && !members.isEmpty()) {
                Message m = members.remove(random.nextInt(members.size()));
                q.remove(m);
                reference.remove(m);
            } else {
                now += random.nextInt(3);
                Message m = q.pollDue(now);
                Message expected = reference.isEmpty() || reference.first().deadline > now ? null : reference.first();
                if (expected == null) {
                    assertNull(m);
                } else {
                    assertEquals(expected.deadline, m.deadline);
                    reference.remove(m);
                    members.remove(m);
                }
            }
            assertEquals(reference.size(), q.size());
        }
        List<Message> drained = new ArrayList<>();
        q.drainTo(drained::add);
        assertEquals(reference.size(), drained.size());
        assertEquals(0, q.size());
    }
}
