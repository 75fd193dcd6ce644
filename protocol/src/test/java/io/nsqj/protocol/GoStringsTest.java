package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoStringsTest {
    @Test
    void quotesLikeGoPercentQ() {
        assertEquals("\"a b\"", GoStrings.quote("a b"));
        assertEquals("\"a\\\"b\\\\c\\n\\x01\"", GoStrings.quote("a\"b\\c\n\u0001"));
    }
}
