package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoJsonTest {
    @Test
    void writesCompactJsonInMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, true));
        m.put("a", null);
        m.put("c", List.of());
        assertEquals("{\"b\":[1,true],\"a\":null,\"c\":[]}", GoJson.write(m));
    }

    @Test
    void escapesStringsAsGoDoes() {
        assertEquals("\"\\u003ca\\u003e \\u0026 \\\"q\\\" \\\\ \\n\\t\\u0001 \\u2028 é 😀\"",
                GoJson.write("<a> & \"q\" \\ \n\t\u0001 \u2028 é 😀"));
    }
}
