package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoJsonTest {
    @Test
    void writesCompactJsonInTheOrderWritten() {
        String json = new GoJson().beginObject()
                .name("b").beginArray().value(1).value(true).endArray()
                .name("a").nullValue()
                .name("c").beginArray().endArray()
                .endObject().toString();
        assertEquals("{\"b\":[1,true],\"a\":null,\"c\":[]}", json);
    }

    @Test
    void nestsObjectsInArraysWithCommasOnlyBetweenValues() {
        String json = new GoJson().beginArray()
                .beginObject().name("x").value("1").name("y").rawNumber("2.5").endObject()
                .beginObject().endObject()
                .value((String) null)
                .endArray().toString();
        assertEquals("[{\"x\":\"1\",\"y\":2.5},{},null]", json);
    }

    @Test
    void stringArrayKeepsGosNilApartFromEmpty() {
        assertEquals("null", new GoJson().stringArray(null).toString());
        assertEquals("[]", new GoJson().stringArray(List.of()).toString());
        assertEquals("[\"a\",\"b\"]", new GoJson().stringArray(List.of("a", "b")).toString());
    }

    @Test
    void escapesStringsAsGoDoes() {
        assertEquals("\"\\u003ca\\u003e \\u0026 \\\"q\\\" \\\\ \\n\\t\\u0001 \\u2028 é 😀\"",
                new GoJson().value("<a> & \"q\" \\ \n\t\u0001 \u2028 é 😀").toString());
    }

    @Test
    void escapesBackspaceAndFormFeedAsGoBefore122AndLoneSurrogatesAsInvalidUtf8() {
        assertEquals("\"\\u0008\\u000c\\r\"", new GoJson().value("\b\f\r").toString());
        assertEquals("\"a\\ufffdb\\ufffd\"", new GoJson().value("a\ud800b\udc00").toString());
    }
}
