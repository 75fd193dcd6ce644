package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiErrorTest {
    @Test
    void carriesItsStatusAndAnswersItsTextAsGosMessageStruct() {
        ApiError e = new ApiError(404, "TOPIC_NOT_FOUND");
        assertEquals(404, e.status());
        assertEquals("{\"message\":\"TOPIC_NOT_FOUND\"}", e.json());
    }
}
