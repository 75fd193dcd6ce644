package io.nsqj.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandsTest {

    @Test
    void multiPublishBodyCountsThenSizesEachMessage() {
        byte[] cmd = Commands.multiPublish("t", List.of(new byte[]{1}, new byte[]{2, 3}));
        byte[] header = "MPUB t\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(header, Arrays.copyOf(cmd, header.length));
        byte[] sizeAndBody = Arrays.copyOfRange(cmd, header.length, cmd.length);
        // size 15 = count (4) + [4 + 1] + [4 + 2]
        assertArrayEquals(new byte[]{0, 0, 0, 15, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 2, 2, 3}, sizeAndBody);
    }

    @Test
    void deferredPublishAndRequeueCarryMilliseconds() {
        assertEquals("DPUB t 1500\n", headerOf(Commands.deferredPublish("t", Duration.ofMillis(1500), new byte[0])));
        assertEquals("REQ 0123456789abcdef 2000\n",
                new String(Commands.requeue("0123456789abcdef", Duration.ofSeconds(2)), StandardCharsets.US_ASCII));
    }

    @Test
    void invalidNamesFailBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> Commands.publish("", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Commands.subscribe("t", "bad channel"));
        assertThrows(IllegalArgumentException.class, () -> Commands.multiPublish("t", List.of()));
    }

    private static String headerOf(byte[] command) {
        String all = new String(command, StandardCharsets.US_ASCII);
        return all.substring(0, all.indexOf('\n') + 1);
    }
}
