package io.nsqj.tools;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark tools and bench/run-* at a tiny size: their lines parse and every message written is read. */
class BenchToolsIT {
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    /** NSQ's line, as bench.py reads it */
    private static final Pattern NSQ_LINE = Pattern.compile(
            "\\[(bench_writer|bench_reader)] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d duration: [0-9.]+(s|ms) - "
                    + "[0-9]+\\.[0-9]{3}mb/s - [0-9]+\\.[0-9]{3}ops/s - [0-9]+\\.[0-9]{3}us/op");
    private static final Pattern LATENCY = Pattern.compile(
            "latency: p50=([0-9.]+)ms p90=([0-9.]+)ms p99=([0-9.]+)ms p99\\.9=([0-9.]+)ms max=([0-9.]+)ms \\((\\d+) messages\\)");

    private static long messages(String output, String tool) {
        Matcher m = Pattern.compile("\\[" + tool + "] .* messages: (\\d+) - [0-9.]+msg/s - [0-9.]+MB/s").matcher(output);
        assertTrue(m.find(), tool + "'s messages line in:\n" + output);
        return Long.parseLong(m.group(1));
    }

    private static void assertNsqLine(String output, String tool) {
        Matcher m = NSQ_LINE.matcher(output);
        boolean found = false;
        while (m.find()) {
            found |= m.group(1).equals(tool);
        }
        assertTrue(found, tool + "'s duration line in:\n" + output);
    }

    private static String run(String tool, String... args) {
        try (ToolProcess p = ToolProcess.start(tool, args)) {
            assertEquals(0, p.waitFor(TOOL_TIMEOUT), tool + " failed:\n" + p.stderr());
            return p.stderr();
        }
    }

    @Test
    void benchReaderReadsEveryMessageBenchWriterWrote() {
        try (BrokerProcess broker = BrokerProcess.start("bench", "--mem-queue-size=1000000")) {
            String written = run("bench_writer", "-nsqd-tcp-address", broker.tcpAddress(), "-topic", "t",
                    "-runfor", "1s", "-concurrency", "2", "-size", "100", "-batch-size", "50");
            assertNsqLine(written, "bench_writer");
            long published = messages(written, "bench_writer");
            assertTrue(published > 0, written);

            String read = run("bench_reader", "-nsqd-tcp-address", broker.tcpAddress(), "-topic", "t",
                    "-channel", "c", "-size", "100", "-concurrency", "2", "-rdy", "100", "-runfor", "60s",
                    "-n", Long.toString(published));
            assertNsqLine(read, "bench_reader");
            assertEquals(published, messages(read, "bench_reader"));
            Matcher latency = LATENCY.matcher(read);
            assertTrue(latency.find(), read);
            assertEquals(published, Long.parseLong(latency.group(6)));
            assertTrue(Double.parseDouble(latency.group(1)) <= Double.parseDouble(latency.group(3)), read);
        }
    }

    @Test
    void benchAtARateDeliversEveryMessageItPublished() {
        try (BrokerProcess broker = BrokerProcess.start("bench-rate")) {
            String output = run("bench", "-nsqd-tcp-address", broker.tcpAddress(), "-runfor", "1s",
                    "-rate", "2000", "-concurrency", "2", "-consumers", "2", "-batch-size", "10");
            long published = messages(output, "bench_writer");
            assertTrue(published > 0, output);
            assertEquals(published, messages(output, "bench_reader"));
            Matcher latency = LATENCY.matcher(output);
            assertTrue(latency.find(), output);
            assertEquals(published, Long.parseLong(latency.group(6)));
        }
    }

    @Test
    void benchSinkAnswersEveryBatchBenchWriterSends() {
        int port = FreePorts.next();
        try (ToolProcess sink = ToolProcess.start("bench_sink", "-tcp-address", "127.0.0.1:" + port)) {
            await().atMost(TOOL_TIMEOUT).until(() -> accepts(port));
            String written = run("bench_writer", "-nsqd-tcp-address", "127.0.0.1:" + port, "-runfor", "1s",
                    "-concurrency", "2");
            assertNsqLine(written, "bench_writer");
            assertTrue(messages(written, "bench_writer") > 0, written);
            sink.signal("TERM");
            assertEquals(0, sink.waitFor(Duration.ofSeconds(30)), sink.stderr());
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a bench/ script from the repository's root; returns its output once it exited 0. */
    private static String runScript(String script, String... args) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = Files.createDirectories(Path.of("target", "tool-output")).resolve(script + ".out");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("bench/" + script).toString());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            assertTrue(p.waitFor(TOOL_TIMEOUT.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS), script + " still running");
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);
            return output;
        } finally {
            p.destroy();
        }
    }

    @Test
    void runStandardPrintsItsTableAndReadsEveryMessage() throws Exception {
        String output = runScript("run-standard", "--runfor", "1s", "--consume-for", "60s", "--size", "100",
                "--producers", "2", "--consumers", "2", "--mem-queue-size", "100000", "--broker-java-opts", "-Xmx512m");
        Matcher counts = Pattern.compile("messages: published (\\d+), consumed (\\d+)").matcher(output);
        assertTrue(counts.find(), output);
        assertTrue(Long.parseLong(counts.group(1)) > 0, output);
        assertEquals(counts.group(1), counts.group(2), output);
        assertTrue(Pattern.compile("sink publish \\(ceiling\\) +[0-9.]+ +[0-9.]+ +1\\.00").matcher(output).find(), output);
        assertTrue(Pattern.compile("broker publish +[0-9.]+ +[0-9.]+ +[0-9]+\\.[0-9]{2}").matcher(output).find(), output);
        assertTrue(Pattern.compile("broker consume +[0-9.]+ +[0-9.]+").matcher(output).find(), output);
        assertTrue(Pattern.compile("latency at \\d+ msg/s .*: p50 [0-9.]+ ms, p99 [0-9.]+ ms").matcher(output).find(), output);
        assertTrue(Pattern.compile("broker RSS: peak [0-9.]+ MiB, at end [0-9.]+ MiB").matcher(output).find(), output);
    }

    @Test
    void runStrictPrintsBothModesAndStrictModesShare() throws Exception {
        String output = runScript("run-strict", "--runfor", "1s", "--producers", "4", "--size", "100",
                "--mem-queue-size", "100000", "--broker-java-opts", "-Xmx512m");
        assertTrue(Pattern.compile("--sync-mode=interval \\(default\\) +[0-9.]+ +[0-9.]+ +1\\.00 +[0-9.]+").matcher(output).find(), output);
        Matcher always = Pattern.compile("--sync-mode=always +([0-9.]+) +[0-9.]+ +([0-9]+\\.[0-9]{2}) +[0-9.]+").matcher(output);
        assertTrue(always.find(), output);
        assertTrue(Double.parseDouble(always.group(1)) > 0, output);
    }

    @Test
    void runBacklogReadsEveryMessageBackFromDiskAndFromMemory() throws Exception {
        String output = runScript("run-backlog", "--messages", "30000", "--mem-queue-size", "1000", "--size", "100",
                "--producers", "2", "--consumers", "2", "--broker-java-opts", "-Xmx512m");
        // -n is rounded up to whole batches of 200 on each of the 2 producers: 30,000 exactly
        assertTrue(output.contains("backlog: 30000 and 30000 messages of 100 bytes"), output);
        assertTrue(Pattern.compile("--mem-queue-size=30000 \\(memory\\) +0 +[0-9.]+ +[0-9.]+ +1\\.00 ").matcher(output).find(), output);
        Matcher disk = Pattern.compile("--mem-queue-size=1000 \\(disk\\) +(\\d+) +([0-9.]+) +[0-9.]+ +[0-9]+\\.[0-9]{2} ").matcher(output);
        assertTrue(disk.find(), output);
        assertEquals(29000, Long.parseLong(disk.group(1)), "all but the memory queue's 1,000 on disk:\n" + output);
    }
}
