package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicChannelArgsTest {
    @Test
    void validTopicAndChannel() {
        assertEquals(new TopicChannelArgs("t", "c#ephemeral"),
                TopicChannelArgs.from(QueryParams.parse("topic=t&channel=c%23ephemeral")));
    }

    @Test
    void failsWithNsqsMessagesInItsOrder() {
        assertFails("MISSING_ARG_TOPIC", "channel=a*b");
        assertFails("INVALID_ARG_TOPIC", "topic=a*b");
        assertFails("INVALID_ARG_TOPIC", "topic=&channel=c");
        assertFails("MISSING_ARG_CHANNEL", "topic=t");
        assertFails("INVALID_ARG_CHANNEL", "topic=t&channel=c*");
    }

    private static void assertFails(String message, String rawQuery) {
        ApiError e = assertThrows(ApiError.class, () -> TopicChannelArgs.from(QueryParams.parse(rawQuery)));
        assertEquals(400, e.status(), rawQuery);
        assertEquals(message, e.getMessage(), rawQuery);
    }
}
