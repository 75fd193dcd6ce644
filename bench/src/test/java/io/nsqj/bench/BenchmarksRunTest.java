package io.nsqj.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark still runs: each once, in this JVM, for one short measurement. The figures mean nothing
 * here; a benchmark that throws fails the build.
 */
class BenchmarksRunTest {
    private static final Set<String> BENCHMARKS = Set.of(
            "io.nsqj.broker.core.ChannelPutGetBenchmark.putDeliverFinish",
            "io.nsqj.broker.core.DiskQueueReadBenchmark.readBack",
            "io.nsqj.broker.core.MessageFrameBenchmark.encodeRound",
            "io.nsqj.broker.storage.DiskQueueAppendBenchmark.append",
            "io.nsqj.broker.tcp.MpubDecodeBenchmark.decode");

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.nsqj\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
            assertTrue(r.getPrimaryResult().getSampleCount() > 0, r.getParams().getBenchmark() + " measured nothing");
        }
        assertEquals(new TreeSet<>(BENCHMARKS), ran);
    }
}
