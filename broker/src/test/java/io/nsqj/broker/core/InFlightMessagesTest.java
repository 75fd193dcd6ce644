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
            slots.add((key ^ (key >>> 32)) & 16383);
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
            inFlight.put(new Message(id, new byte[0], 0, 1));
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
}
