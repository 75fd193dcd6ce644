package io.nsqj.broker.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Timeout;

/**
 * IDENTIFY bodies as ProtocolV2 decodes them: arbitrary bytes are either not JSON (DecodeException), a
 * field of the wrong type (IllegalArgumentException, as Go's json.Unmarshal fails) or a request. Both
 * documented failures become E_BAD_BODY; anything else escaping is a finding. Corpus in
 * IdentifyRequestFuzzTestInputs.
 */
class IdentifyRequestFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @Timeout(20)
    void bodyIsARequestOrADocumentedRefusal(byte[] body) {
        JsonObject json;
        try {
            json = new JsonObject(Buffer.buffer(body));
        } catch (DecodeException notJson) {
            return;
        }
        try {
            IdentifyRequest.parse(json);
        } catch (IllegalArgumentException wrongType) {
            // refused as nsqd refuses it
        }
    }
}
