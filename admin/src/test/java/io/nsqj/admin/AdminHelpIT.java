package io.nsqj.admin;

import io.nsqj.testsupport.PackagedDaemon;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged nsqadmin answers --help as Go's nsqadmin does: its flags, exit status 0. */
class AdminHelpIT {
    @Test
    void helpListsNsqadminsFlagsWithTheirDefaults() throws Exception {
        Process p = new ProcessBuilder(PackagedDaemon.ADMIN.command(List.of(), List.of("--help")))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "nsqadmin still running after --help");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("Usage of nsqadmin:\n"), output);
        assertTrue(output.contains("  -lookupd-http-address value\n    \tlookupd HTTP address (may be given multiple times)\n"), output);
        assertTrue(output.contains("  -http-address string\n    \t<addr>:<port> to listen on for HTTP clients (default \"0.0.0.0:4171\")\n"), output);
    }
}
