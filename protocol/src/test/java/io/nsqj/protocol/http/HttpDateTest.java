package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpDateTest {
    @Test
    void writesGosTimeFormat() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT",
                HttpDate.format(ZonedDateTime.of(1994, 11, 6, 8, 49, 37, 0, ZoneOffset.UTC)));
    }
}
