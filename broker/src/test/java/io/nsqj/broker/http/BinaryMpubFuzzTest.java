package io.nsqj.broker.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nsqj.protocol.http.ApiError;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /mpub?binary=true bodies: arbitrary bytes end in messages or in a 413 ApiError (BAD_BODY, BAD_MESSAGE),
 * never in another exception, and the outcome is the same whether the body arrives at once or in chunks of
 * a fuzzed size. Small limits so that fuzzed input reaches them. Corpus in BinaryMpubFuzzTestInputs (bodies
 * followed by the byte the fuzzer reads from the end, the chunk size).
 */
class BinaryMpubFuzzTest {
    private static final int MAX_MSG_SIZE = 64;
    private static final int MAX_BODY_SIZE = 512;

    @FuzzTest(maxDuration = "5s")
    @Timeout(20)
    void outcomeDoesNotDependOnChunks(FuzzedDataProvider data) {
        int chunkSize = data.consumeInt(1, 32);
        byte[] body = data.consumeRemainingAsBytes();
        List<String> whole = outcome(body, Math.max(1, body.length));
        assertEquals(whole, outcome(body, chunkSize));
    }

    private static List<String> outcome(byte[] body, int chunkSize) {
        BinaryMpubParser parser = new BinaryMpubParser(MAX_MSG_SIZE, MAX_BODY_SIZE);
        for (int pos = 0; pos < body.length; pos += chunkSize) {
            parser.accept(Buffer.buffer(body).getBuffer(pos, Math.min(body.length, pos + chunkSize)));
        }
        List<String> out = new ArrayList<>();
        try {
            for (byte[] m : parser.messages()) {
                assertTrue(m.length > 0 && m.length <= MAX_MSG_SIZE, "message of " + m.length + " bytes");
                out.add(new String(m, StandardCharsets.ISO_8859_1));
            }
        } catch (ApiError e) {
            assertEquals(413, e.status());
            out.add("413 " + e.getMessage());
        }
        return out;
    }
}
