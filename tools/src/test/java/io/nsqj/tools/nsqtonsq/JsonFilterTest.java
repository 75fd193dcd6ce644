package io.nsqj.tools.nsqtonsq;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonFilterTest {
    private static Optional<String> apply(JsonFilter filter, String body) throws JsonFilter.BackoffException {
        return filter.apply(body.getBytes(StandardCharsets.UTF_8)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void withoutOptionsTheBodyPassesUntouched() throws Exception {
        assertEquals(Optional.of("not json"), apply(new JsonFilter("", "", List.of()), "not json"));
    }

    @Test
    void aRequiredFieldPassesOnlyMessagesThatHaveIt() throws Exception {
        JsonFilter filter = new JsonFilter("a", "", List.of());
        assertEquals(Optional.of("{\"a\": 1}"), apply(filter, "{\"a\": 1}"));
        assertEquals(Optional.empty(), apply(filter, "{\"b\": 1}"));
        assertEquals(Optional.empty(), apply(filter, "[1]"));
    }

    @Test
    void aRequiredValueComparesStringsAndNumbersAsGoDoes() throws Exception {
        assertEquals(Optional.of("{\"a\":\"x\"}"), apply(new JsonFilter("a", "x", List.of()), "{\"a\":\"x\"}"));
        assertEquals(Optional.empty(), apply(new JsonFilter("a", "x", List.of()), "{\"a\":\"y\"}"));
        assertEquals(Optional.of("{\"a\":2.0}"), apply(new JsonFilter("a", "2", List.of()), "{\"a\":2.0}"));
        assertEquals(Optional.empty(), apply(new JsonFilter("a", "x", List.of()), "{\"a\":true}"));
    }

    @Test
    void aMissingFieldWithARequiredValueBacksOff() {
        assertThrows(JsonFilter.BackoffException.class, () -> apply(new JsonFilter("a", "x", List.of()), "{\"b\":1}"));
    }

    @Test
    void theWhitelistKeepsTheFieldsNamedInGosKeyOrder() throws Exception {
        JsonFilter filter = new JsonFilter("", "", List.of("z", "a", "n", "missing"));
        assertEquals(Optional.of("{\"a\":[1,1.5,{\"x\":null,\"y\":\"\\u003c\"}],\"n\":3,\"z\":{\"b\":2,\"c\":true}}"),
                apply(filter, "{\"z\":{\"c\":true,\"b\":2},\"drop\":1,\"n\":3.0,\"a\":[1,1.5,{\"y\":\"<\",\"x\":null}]}"));
    }
}
