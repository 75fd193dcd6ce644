package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NsqLogLevelTest {
    @Test
    void parsesNsqsNamesInAnyCase() {
        assertEquals(Optional.of(NsqLogLevel.DEBUG), NsqLogLevel.parse("debug"));
        assertEquals(Optional.of(NsqLogLevel.WARN), NsqLogLevel.parse("WARN"));
        assertEquals(Optional.of(NsqLogLevel.FATAL), NsqLogLevel.parse("Fatal"));
        assertEquals(Optional.empty(), NsqLogLevel.parse("warning"));
        assertEquals(Optional.empty(), NsqLogLevel.parse(""));
    }

    @Test
    void numbersAreLgs() {
        assertEquals(1, NsqLogLevel.DEBUG.number());
        assertEquals(2, NsqLogLevel.INFO.number());
        assertEquals(5, NsqLogLevel.FATAL.number());
    }
}
