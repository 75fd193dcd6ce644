package io.nsqj.it;

import io.nsqj.testsupport.PackagedDaemon;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged nsqd and nsqlookupd answer -h/--help as a Go daemon does: the flags, exit status 0. */
class DaemonHelpTest {
    private static String help(PackagedDaemon daemon, String flag) throws Exception {
        Process p = new ProcessBuilder(daemon.command(List.of(), List.of(flag))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), daemon + " still running after " + flag);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void nsqdHelpListsItsFlagsWithNsqdsDefaults() throws Exception {
        String output = help(PackagedDaemon.BROKER, "--help");
        assertTrue(output.startsWith("Usage of nsqd:\n"), output);
        assertTrue(output.contains("  -mem-queue-size int\n    \tnumber of messages to keep in memory (per topic/channel) (default 10000)\n"), output);
        assertTrue(output.contains("  -tcp-address string\n"), output);
        assertTrue(output.contains("(default \"0.0.0.0:4150\")"), output);
        assertTrue(output.contains("  -lookupd-tcp-address value\n"), output);
        assertTrue(output.contains("  -msg-timeout duration\n    \tdefault duration to wait before auto-requeing a message (default 1m0s)\n"), output);
    }

    @Test
    void nsqdAnswersShortHelpToo() throws Exception {
        assertTrue(help(PackagedDaemon.BROKER, "-h").startsWith("Usage of nsqd:\n"));
    }

    @Test
    void nsqlookupdHelpListsItsFlagsWithNsqlookupdsDefaults() throws Exception {
        String output = help(PackagedDaemon.LOOKUPD, "-help");
        assertTrue(output.startsWith("Usage of nsqlookupd:\n"), output);
        assertTrue(output.contains("  -tombstone-lifetime duration\n    \tduration of time a producer will remain tombstoned if registration remains (default 45s)\n"), output);
        assertTrue(output.contains("(default \"0.0.0.0:4160\")"), output);
    }
}
