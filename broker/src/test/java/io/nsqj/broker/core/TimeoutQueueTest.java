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

    @Test
    void pollsDueMessagesInDeadlineOrder() {
        TimeoutQueue q = new TimeoutQueue();
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            q.add(at(random.nextInt(10_000)));
        }
        long last = -1;
        Message m;
        int count = 0;
        while ((m = q.pollDue(Long.MAX_VALUE)) != null) {
            assertEquals(true, m.deadline >= last);
            last = m.deadline;
            count++;
        }
        assertEquals(1000, count);
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
}
