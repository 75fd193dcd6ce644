package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageIdTest {

    private static long parse(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.ISO_8859_1);
        return MessageId.parse(bytes, 0, bytes.length);
    }

    @Test
    void idsAreWrittenAsSixteenLowerCaseHexCharacters() {
        assertEquals("0dbc9ffa2ac00000", MessageId.toString(0x0dbc9ffa2ac00000L));
        assertEquals(0x0dbc9ffa2ac00000L, parse("0dbc9ffa2ac00000"));
    }

    @Test
    void anyOtherSpellingIsNoId() {
        assertEquals(-1, parse("0DBC9FFA2AC00000"), "upper case");
        assertEquals(-1, parse("0dbc9ffa2aC00000"), "one upper-case letter");
        assertEquals(-1, parse("0dbc9ffa2ag00000"));
        assertEquals(-1, parse("0dbc9ffa2ac0000"), "15 characters");
        assertEquals(-1, parse("0dbc9ffa2ac0000\u00e9"));
    }
}
