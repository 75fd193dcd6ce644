package io.nsqj.lookupd.tcp;

import io.nsqj.protocol.ClientError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifyBodyTest {
    private static IdentifyBody decode(String json) throws ClientError {
        return IdentifyBody.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNsqdsFieldsAndIgnoresOthers() throws ClientError {
        IdentifyBody b = decode("{\"broadcast_address\":\"n1\",\"tcp_port\":4150,\"http_port\":4151,"
                + "\"version\":\"1.3.0\",\"hostname\":\"h\",\"extra\":[1],\"remote_address\":\"ignored\"}");
        assertEquals(new IdentifyBody("h", "n1", 4150, 4151, "1.3.0", "", ""), b);
        assertTrue(b.hasRequiredFields());
    }

    @Test
    void keysMatchCaseInsensitivelyAndNullLeavesEmpty() throws ClientError {
        IdentifyBody b = decode("{\"Broadcast_Address\":\"n1\",\"TCP_PORT\":1,\"http_port\":null}");
        assertEquals("n1", b.broadcastAddress());
        assertEquals(1, b.tcpPort());
        assertFalse(b.hasRequiredFields());
        assertFalse(decode("null").hasRequiredFields());
    }

    @Test
    void wrongTypesAndNonObjectsFailLikeGo() {
        for (String bad : new String[]{"", "{", "[]", "\"x\"", "{\"tcp_port\":\"4150\"}", "{\"tcp_port\":1.5}",
                "{\"version\":1}", "{} x"}) {
            ClientError e = assertThrows(ClientError.class, () -> decode(bad), bad);
            assertEquals("E_BAD_BODY IDENTIFY failed to decode JSON body", e.getMessage());
        }
    }
}
