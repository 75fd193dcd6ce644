package io.nsqj.it;

import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol V2 steps that most raw tests share, each checking the broker's answer as it goes. */
final class NsqAssertions {
    private NsqAssertions() {
    }

    static void assertResponse(String expected, Frame frame) {
        assertEquals(RawNsqConnection.FRAME_RESPONSE, frame.type(), frame::toString);
        assertEquals(expected, frame.text());
    }

    static void assertError(String expected, Frame frame) {
        assertEquals(RawNsqConnection.FRAME_ERROR, frame.type(), frame::toString);
        assertEquals(expected, frame.text());
    }

    static Frame assertMessage(String body, int attempts, Frame frame) {
        assertEquals(RawNsqConnection.FRAME_MESSAGE, frame.type(), frame::toString);
        assertEquals(body, frame.body(), frame::toString);
        assertEquals(attempts, frame.attempts(), frame::toString);
        return frame;
    }

    /** Reads the fatal error nsqd would send and checks that the connection is then closed. */
    static void assertFatal(String expected, RawNsqConnection connection) {
        assertError(expected, connection.read());
        assertTrue(connection.isClosedByPeer(), "a fatal error closes the connection");
    }

    static void subscribe(RawNsqConnection connection, String topic, String channel) {
        connection.command("SUB " + topic + " " + channel);
        assertResponse("OK", connection.read());
    }

    static void publish(RawNsqConnection connection, String topic, String body) {
        connection.pub(topic, body);
        assertResponse("OK", connection.read());
    }
}
