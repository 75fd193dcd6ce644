package io.nsqj.broker.core;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightMessagesTest {

    /** Ids as a busy topic makes them: 250 per millisecond over 40 consecutive milliseconds. */
    private static long[] busyTopicIds() {
        long[] ids = new long[10_000];
        int i = 0;
        for (long ms = 0; ms < 40; ms++) {
            for (long seq = 0; seq < 250; seq++) {
                ids[i++] = ((1_700_000_000_000L + ms - 1288834974288L) << 22) | (7L << 12) | seq;
            }
        }
        return ids;
    }

    @Test
    void idsOfConsecutiveMillisecondsSpreadOverTheTablesLowBits() {
        Set<Long> slots = new HashSet<>();
        for (long id : busyTopicIds()) {
            long key = InFlightMessages.scramble(id);
            slots.add(key & 16383);
        }
        // 10,000 keys thrown at random into 16,384 slots fill about 7,500 of them; unscrambled ids fill 250
        assertTrue(slots.size() > 7_000, slots.size() + " slots used");
    }

    @Test
    void findsAndRemovesEveryMessageByItsId() {
        MemoryBudget budget = MemoryBudget.unlimited();
        InFlightMessages inFlight = new InFlightMessages(budget);
        long[] ids = busyTopicIds();
        for (long id : ids) {
            assertNull(inFlight.putIfAbsent(new Message(id, new byte[0], 0, 1)));
        }
        assertEquals(ids.length, inFlight.size());
        for (long id : ids) {
            assertEquals(id, inFlight.get(id).id());
        }
        Message removed = inFlight.remove(ids[17]);
        assertEquals(ids[17], removed.id());
        assertNull(inFlight.get(ids[17]));
        assertNull(inFlight.remove(ids[17]));
        assertEquals(ids.length - 1, inFlight.size());
        assertEquals((ids.length - 1) * (long) MemoryBudget.MESSAGE_OVERHEAD, budget.usedBytes());
        inFlight.clear();
        assertEquals(0, budget.usedBytes());
    }

    @Test
    void aSecondMessageWithAnIdInFlightIsNotAdded() {
        InFlightMessages inFlight = new InFlightMessages(MemoryBudget.unlimited());
        Message first = new Message(42, new byte[0], 0, 1);
        assertNull(inFlight.putIfAbsent(first));
        assertEquals(first, inFlight.putIfAbsent(new Message(42, new byte[0], 0, 1)));
        assertEquals(1, inFlight.size());
        assertEquals(first, inFlight.get(42));
    }

    @Test
    void onlyItsOwnerRemovesAMessage() {
        InFlightMessages inFlight = new InFlightMessages(MemoryBudget.unlimited());
        Subscription owner = new Subscription(null, null, 60_000, 0);
        Subscription other = new Subscription(null, null, 60_000, 0);
        Message m = new Message(42, new byte[0], 0, 1);
        m.owner = owner;
        inFlight.putIfAbsent(m);
        assertNull(inFlight.removeOwnedBy(42, other));
        assertEquals(m, inFlight.get(42));
        assertEquals(m, inFlight.removeOwnedBy(42, owner));
        assertEquals(0, inFlight.size());
    }

    /** Random puts and removes of ids as a busy topic makes them, against a HashMap, through several resizes. */
    @Test
    void behavesAsAMapUnderRandomUse() {
        InFlightMessages inFlight = new InFlightMessages(MemoryBudget.unlimited());
        java.util.Map<Long, Message> reference = new java.util.HashMap<>();
        java.util.List<Long> present = new java.util.ArrayList<>();
        long[] ids = busyTopicIds();
        java.util.Random random = new java.util.Random(3);
        for (int step = 0; step < 100_000; step++) {
            if (random.nextInt(3) > 0 || present.isEmpty()) {
                long id = ids[random.nextInt(ids.length)];
                Message m = new Message(id, new byte[0], 0, 1);
                Message before = reference.putIfAbsent(id, m);
                assertEquals(before, inFlight.putIfAbsent(m));
                if (before == null) {
                    present.add(id);
                }
            } else {
                int at = random.nextInt(present.size());
                long id = present.get(at);
                present.set(at, present.get(present.size() - 1));
                present.remove(present.size() - 1);
                assertEquals(reference.remove(id), inFlight.remove(id));
            }
            assertEquals(reference.size(), inFlight.size());
        }
        for (long id : ids) {
            assertEquals(reference.get(id), inFlight.get(id));
        }
        assertEquals(new HashSet<>(reference.values()), new HashSet<>(inFlight.values()));
    }
}
