package io.nsqj.broker.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nsqj.protocol.http.ApiError;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /mpub's text bodies as PublishApi reads them (BoundedBody, chunk by chunk, then TextMpub): arbitrary bytes
 * end in 413 BODY_TOO_BIG or MSG_TOO_BIG, or in exactly the non-empty lines of the body, never in another
 * exception. Small limits so that fuzzed input reaches them. Corpus in TextMpubFuzzTestInputs (bodies
 * followed by the byte the fuzzer reads from the end, the chunk size).
 */
class TextMpubFuzzTest {
    private static final int MAX_MSG_SIZE = 16;
    private static final int MAX_BODY_SIZE = 128;

    @FuzzTest(maxDuration = "5s")
    @Timeout(20)
    void messagesAreTheNonEmptyLinesOrARefusal(FuzzedDataProvider data) {
        int chunkSize = data.consumeInt(1, 32);
        byte[] body = data.consumeRemainingAsBytes();
        BoundedBody sink = new BoundedBody(MAX_BODY_SIZE + 1);
        for (int pos = 0; pos < body.length; pos += chunkSize) {
            sink.accept(Buffer.buffer(body).getBuffer(pos, Math.min(body.length, pos + chunkSize)));
        }
        List<byte[]> messages;
        try {
            messages = TextMpub.split(sink.bytes(), MAX_BODY_SIZE + 1, MAX_MSG_SIZE);
        } catch (ApiError e) {
            assertEquals(413, e.status());
            assertTrue(Set.of("BODY_TOO_BIG", "MSG_TOO_BIG").contains(e.getMessage()), e.getMessage());
            return;
        }
        List<String> lines = Arrays.stream(new String(body, StandardCharsets.ISO_8859_1).split("\n"))
                .filter(l -> !l.isEmpty()).toList();
        assertEquals(lines, messages.stream().map(m -> new String(m, StandardCharsets.ISO_8859_1)).toList());
    }
}
