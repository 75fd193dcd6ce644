package io.nsqj.tools.tohttp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpPublisherTest {
    private static String escape(String s) {
        return HttpPublisher.queryEscape(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryEscapeKeepsWhatGoKeepsAndWritesASpaceAsPlus() {
        assertEquals("aZ09-_.~+%2A%2F%3F%26%3D%25", escape("aZ09-_.~ */?&=%"));
    }

    @Test
    void queryEscapeEscapesEachByteOfUtf8() {
        assertEquals("%C3%A9", escape("é"));
    }
}
