package io.nsqj.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverProducerTest {

    @Test
    void needsAtLeastOneAddress() {
        assertThrows(IllegalArgumentException.class, () -> new FailoverProducer(List.of(), ClientConfig.defaults()));
    }

    @Test
    void failsNamingTheLastFailureWhenNoNsqdIsReachable() throws IOException {
        String first = closedAddress();
        String second = closedAddress();
        ClientConfig config = ClientConfig.builder().dialTimeout(Duration.ofMillis(500)).build();
        try (FailoverProducer producer = new FailoverProducer(List.of(first, second), config)) {
            NsqException e = assertThrows(NsqException.class,
                    () -> producer.publish("t", "x".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains(second), e.getMessage());
            // nothing accepted the message, so the next one starts again where this one started
            assertEquals(NsqAddress.parse(first), producer.currentAddress());
        }
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    private static String closedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }
}
