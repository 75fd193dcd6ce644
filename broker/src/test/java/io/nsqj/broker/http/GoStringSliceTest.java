package io.nsqj.broker.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoStringSliceTest {
    private static final List<String> CURRENT = List.of("old-0:4160", "old-1:4160");

    @Test
    void anArrayOfStringsReplacesTheSlice() {
        assertEquals(List.of("a:4160", "b:4160"), GoStringSlice.unmarshal(" [\"a:4160\" ,\n\"b:4160\"]\r\n", CURRENT));
        assertEquals(List.of(), GoStringSlice.unmarshal("[ ]", CURRENT));
    }

    @Test
    void nullIsGosNilSlice() {
        assertNull(GoStringSlice.unmarshal(" null ", CURRENT));
    }

    @Test
    void aNullElementKeepsWhatGosDecoderFindsAtItsIndex() {
        assertEquals(List.of("x", "old-1:4160", ""), GoStringSlice.unmarshal("[\"x\",null,null]", CURRENT));
        assertEquals(List.of(""), GoStringSlice.unmarshal("[null]", null));
    }

    @Test
    void stringsAreUnescapedAsGoDoes() {
        assertEquals(List.of("\"\\/\b\f\n\r\t", "é😀", "\ufffd", "\ufffdA"),
                GoStringSlice.unmarshal("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\ud83d\\ude00\", \"\\udc00\","
                        + " \"\\ud800\\u0041\"]", CURRENT));
    }

    @Test
    void anythingElseIsAnError() {
        for (String bad : new String[]{"", " ", "\"a:4160\"", "{\"a\":1}", "[1]", "[true]", "[[\"a\"]]",
                "[\"a\",]", "[,]", "[\"a\" \"b\"]", "[\"a\"", "[\"a", "nul", "nullx", "[null1]", "[\"a\"] x",
                "[\"a\"][\"b\"]", "// c\n[]", "['a']", "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u１２３４\"]",
                "\ufeff[]"}) {
            assertThrows(IllegalArgumentException.class, () -> GoStringSlice.unmarshal(bad, CURRENT), bad);
        }
    }
}
