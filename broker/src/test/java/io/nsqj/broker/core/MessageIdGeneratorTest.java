package io.nsqj.broker.core;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdGeneratorTest {
    @Test
    void idsAreUniqueAndIncreasingEvenPastFourThousandPerMillisecond() {
        MessageIdGenerator ids = new MessageIdGenerator(5);
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 100_000; i++) {
            long id = ids.next();
            assertTrue(id > last);
            assertTrue(seen.add(id));
            last = id;
        }
    }

    @Test
    void nodeIdMustFitTenBits() {
        assertThrows(IllegalArgumentException.class, () -> new MessageIdGenerator(1024));
    }
}
