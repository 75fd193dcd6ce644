package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UrlUnescaperTest {
    @Test
    void decodesPercentEscapesAsUtf8Bytes() {
        assertEquals("a b/é", UrlUnescaper.path("a%20b%2F%C3%a9"));
        assertEquals("a b/é", UrlUnescaper.query("a%20b%2F%C3%a9"));
    }

    @Test
    void plusIsASpaceOnlyInAQuery() {
        assertEquals("a+b", UrlUnescaper.path("a+b"));
        assertEquals("a b", UrlUnescaper.query("a+b"));
    }

    @Test
    void aMalformedEscapeIsNull() {
        for (String bad : new String[]{"%", "a%2", "%zz", "%2g"}) {
            assertNull(UrlUnescaper.path(bad), bad);
            assertNull(UrlUnescaper.query(bad), bad);
        }
    }
}
