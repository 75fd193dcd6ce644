package io.nsqj.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every launcher in bin/ answers --help with its usage and status 0, and starts nothing. */
class LaunchersIT {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @ValueSource(strings = {"bench", "bench_reader", "bench_sink", "bench_writer", "nsq-local", "nsq_stat",
            "nsq_tail", "nsq_to_file", "nsq_to_http", "nsq_to_nsq", "to_nsq"})
    void helpPrintsTheUsageAndExitsZero(String launcher) {
        try (ToolProcess tool = ToolProcess.start(launcher, "--help")) {
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
            assertTrue(tool.stdout().startsWith("Usage"), tool.stdout());
        }
    }

    @Test
    void aFloatDefaultIsPrintedAsGoPrintsIt() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_http", "--help")) {
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
            assertTrue(tool.stdout().contains("  -sample float\n    \t% of messages to publish (float b/w 0 -> 1) (default 1)\n"),
                    tool.stdout());
        }
    }
}
