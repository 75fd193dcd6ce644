package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonFlagsTest {
    private final DaemonFlags flags = new DaemonFlags("nsqd")
            .bool("version", false, "print version string")
            .string("tcp-address", "0.0.0.0:4150", "<addr>:<port> to listen on")
            .integer("mem-queue-size", 10000, "number of messages to keep in memory")
            .integer("broadcast-tcp-port", 0, "TCP port")
            .duration("msg-timeout", "1m0s", "default duration")
            .value("lookupd-tcp-address", "", "lookupd TCP address (may be given multiple times)")
            .bool("snappy", true, "enable snappy");

    @Test
    void usageIsGoFlagPackagesLayoutSortedWithNonZeroDefaults() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        flags.printUsage(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("""
                Usage of nsqd:
                  -broadcast-tcp-port int
                    \tTCP port
                  -lookupd-tcp-address value
                    \tlookupd TCP address (may be given multiple times)
                  -mem-queue-size int
                    \tnumber of messages to keep in memory (default 10000)
                  -msg-timeout duration
                    \tdefault duration (default 1m0s)
                  -snappy
                    \tenable snappy (default true)
                  -tcp-address string
                    \t<addr>:<port> to listen on (default "0.0.0.0:4150")
                  -version
                    \tprint version string
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheDeclaredFlagsAsGoDoes() {
        Map<String, List<String>> given = flags.parse(new String[]{"-version", "--mem-queue-size=5",
                "-lookupd-tcp-address", "a:1", "--lookupd-tcp-address=b:2"});
        assertEquals(List.of("true"), given.get("version"));
        assertEquals(List.of("5"), given.get("mem-queue-size"));
        assertEquals(List.of("a:1", "b:2"), given.get("lookupd-tcp-address"));
    }

    @Test
    void anUndeclaredFlagIsGosError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flags.parse(new String[]{"--bogus=1"}));
        assertEquals("flag provided but not defined: -bogus", e.getMessage());
    }

    @Test
    void helpIsAskedWithAnyOfGosSpellings() {
        for (String help : new String[]{"-h", "-help", "--help", "--h"}) {
            assertTrue(DaemonFlags.asksForHelp(new String[]{"--tcp-address=x", help}), help);
        }
        assertFalse(DaemonFlags.asksForHelp(new String[]{"--tcp-address=x"}));
    }
}
