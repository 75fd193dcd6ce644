package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParamsTest {
    @Test
    void readsPairsAsGosParseQuery() {
        QueryParams q = QueryParams.parse("topic=a+b&flag&topic=second&&empty=&x=%41");
        assertTrue(q.valid());
        assertEquals("a b", q.first("topic"));
        assertEquals("", q.first("flag"));
        assertEquals("", q.first("empty"));
        assertEquals("A", q.first("x"));
        assertTrue(q.has("flag"));
        assertFalse(q.has("missing"));
        assertNull(q.first("missing"));
    }

    @Test
    void aBadPairMakesTheQueryInvalidButKeepsTheOthers() {
        for (String raw : new String[]{"topic=t&bad=%zz", "topic=t&a=1;b=2", "%zz=1&topic=t"}) {
            QueryParams q = QueryParams.parse(raw);
            assertFalse(q.valid(), raw);
            assertEquals("t", q.first("topic"), raw);
            ApiError e = assertThrows(ApiError.class, q::requireValid, raw);
            assertEquals(400, e.status());
            assertEquals("INVALID_REQUEST", e.getMessage());
        }
    }

    @Test
    void noQueryIsAValidEmptyOne() {
        QueryParams q = QueryParams.parse(null);
        assertSame(q, q.requireValid());
        assertFalse(QueryParams.parse("").has(""));
    }

    @Test
    void requiredAnswersTheHandlersMessageWhenAbsent() {
        QueryParams q = QueryParams.parse("topic=");
        assertEquals("", q.required("topic", "MISSING_ARG_TOPIC"));
        ApiError e = assertThrows(ApiError.class, () -> q.required("node", "MISSING_ARG_NODE"));
        assertEquals(400, e.status());
        assertEquals("MISSING_ARG_NODE", e.getMessage());
    }
}
