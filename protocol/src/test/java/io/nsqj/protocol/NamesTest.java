package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {
    @Test
    void acceptsNsqsCharacterSetUpTo64Characters() {
        assertTrue(Names.isValidTopicName("a.b_c-D9"));
        assertTrue(Names.isValidTopicName("x".repeat(64)));
        assertFalse(Names.isValidTopicName("x".repeat(65)));
        assertFalse(Names.isValidTopicName(""));
        assertFalse(Names.isValidTopicName("bad name"));
        assertFalse(Names.isValidTopicName("bad/name"));
    }

    @Test
    void ephemeralSuffixCountsTowardsTheLength() {
        assertTrue(Names.isValidChannelName("c#ephemeral"));
        assertTrue(Names.isEphemeral("c#ephemeral"));
        assertFalse(Names.isValidChannelName("#ephemeral"));
        assertFalse(Names.isValidChannelName("c#other"));
        assertFalse(Names.isValidChannelName("x".repeat(55) + "#ephemeral"));
    }
}
