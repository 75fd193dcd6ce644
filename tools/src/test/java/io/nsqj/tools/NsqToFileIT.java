package io.nsqj.tools;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Producer;
import io.nsqj.protocol.LocalHostname;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nsq_to_file run as a user runs it, against a real broker and lookupd. */
class NsqToFileIT {
    private static final Duration EXIT = Duration.ofSeconds(20);
    /** The default -datetime-format, %Y-%m-%d_%H. */
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}_\\d{2}";
    private static final String HOST = LocalHostname.get().split("\\.")[0];

    @RegisterExtension
    static final LocalNsq NSQ = new LocalNsq("tofile");
    private static Producer producer;
    private static final AtomicInteger topics = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void openProducer() {
        producer = new Producer(NSQ.broker().tcpAddress(), ClientConfig.builder().build());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void writesEachBodyAsALineOfAFileNamedAfterTopicHostAndHour() throws Exception {
        String topic = topic("named");
        List<String> bodies = bodies("m", 10);
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-sync-interval", "100ms")) {
            awaitChannel(topic);
            publish(topic, bodies);
            awaitAnswered(topic, bodies.size());
            stop(tool);
        }
        List<Path> files = files(dir);
        assertEquals(1, files.size(), files.toString());
        String name = files.get(0).getFileName().toString();
        assertTrue(name.matches(topic + "\\." + HOST + "\\." + DATETIME + "\\.log"), name);
        assertEquals(lines(bodies), Files.readString(files.get(0)));
    }

    @Test
    void holdsMessagesInFlightUntilTheFileIsSyncedAndSyncsThemOnSigint() throws Exception {
        String topic = topic("held");
        List<String> bodies = bodies("h", 5);
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-sync-interval", "1h")) {
            awaitChannel(topic);
            // the first message opens the file, and opening a file syncs
            publish(topic, List.of("opens-the-file"));
            awaitAnswered(topic, 1);
            publish(topic, bodies);
            await().atMost(Duration.ofSeconds(10)).until(() -> channel(topic).getLong("in_flight_count") == bodies.size());
            // neither -max-in-flight (200) nor starvation (85% of RDY 200) calls for a sync: nothing is FINished
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> channel(topic).getLong("in_flight_count") == bodies.size());
            stop(tool);
        }
        awaitAnswered(topic, 1 + bodies.size());
        assertEquals("opens-the-file\n" + lines(bodies), readAll(files(dir)));
    }

    @Test
    void aStarvedConsumerSyncsAtOnceWithoutWaitingForTheSyncInterval() throws Exception {
        String topic = topic("starved");
        List<String> bodies = bodies("s", 20);
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-max-in-flight", "1", "-sync-interval", "1h")) {
            awaitChannel(topic);
            publish(topic, bodies);
            awaitAnswered(topic, bodies.size());
            assertEquals(lines(bodies), readAll(files(dir)));
            stop(tool);
        }
    }

    @Test
    void gzipOutputIsOneGzipMemberPerSyncAndDecompressesToTheBodies() throws Exception {
        String topic = topic("gzip");
        List<String> first = bodies("g", 30);
        List<String> second = bodies("z", 30);
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-gzip", "-gzip-level", "9", "-sync-interval", "100ms")) {
            awaitChannel(topic);
            publish(topic, first);
            awaitAnswered(topic, first.size());
            publish(topic, second);
            awaitAnswered(topic, first.size() + second.size());
            stop(tool);
        }
        List<Path> files = files(dir);
        assertEquals(1, files.size(), files.toString());
        String name = files.get(0).getFileName().toString();
        assertTrue(name.matches(topic + "\\." + HOST + "-000000\\." + DATETIME + "\\.log\\.gz"), name);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(lines(all), gunzip(files.get(0)));
    }

    @Test
    void rotatesBySizeIntoRevisionsAndMovesClosedFilesFromTheWorkDir() throws Exception {
        String topic = topic("rotate");
        Path work = dir.resolve("work");
        Path output = dir.resolve("out");
        // 20-byte lines: a file past 100 bytes takes no more, so each holds 6
        List<String> bodies = IntStream.range(0, 20).mapToObj(i -> String.format("rotating-body-%05d", i)).toList();
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-work-dir", work.toString(), "-output-dir", output.toString(),
                "-rotate-size", "100", "-sync-interval", "100ms")) {
            awaitChannel(topic);
            publish(topic, bodies);
            awaitAnswered(topic, bodies.size());
            assertEquals(3, files(output).size(), "closed files moved: " + files(output));
            assertEquals(1, files(work).size(), "the open file: " + files(work));
            stop(tool);
        }
        assertEquals(List.of(), files(work));
        List<Path> files = files(output);
        assertEquals(4, files.size(), files.toString());
        for (int rev = 0; rev < files.size(); rev++) {
            String name = files.get(rev).getFileName().toString();
            assertTrue(name.matches(topic + "\\." + HOST + String.format("-%06d", rev) + "\\." + DATETIME + "\\.log"), name);
        }
        assertEquals(120, Files.size(files.get(0)));
        assertEquals(lines(bodies), readAll(files));
    }

    @Test
    void rotatesWhenTheDatetimeInTheNameChanges() throws Exception {
        String topic = topic("datetime");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-datetime-format", "%Y%m%d%H%M%S",
                "-skip-empty-files", "-sync-interval", "100ms")) {
            awaitChannel(topic);
            publish(topic, List.of("first"));
            awaitAnswered(topic, 1);
            String firstSecond = files(dir).get(0).getFileName().toString();
            await().atMost(Duration.ofSeconds(5)).until(() -> !firstSecond.equals(topic + "." + HOST + "."
                    + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + ".log"));
            publish(topic, List.of("second"));
            awaitAnswered(topic, 2);
            stop(tool);
        }
        List<Path> files = files(dir);
        assertEquals(2, files.size(), files.toString());
        assertEquals("first\n", Files.readString(files.get(0)));
        assertEquals("second\n", Files.readString(files.get(1)));
    }

    @Test
    void rotatesAfterTheRotateIntervalAndSkipsEmptyFiles() throws Exception {
        String topic = topic("interval");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-rotate-interval", "300ms", "-skip-empty-files",
                "-sync-interval", "100ms")) {
            awaitChannel(topic);
            publish(topic, List.of("first"));
            awaitAnswered(topic, 1);
            Instant opened = Files.getLastModifiedTime(files(dir).get(0)).toInstant();
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(opened.plusMillis(600)));
            publish(topic, List.of("second"));
            awaitAnswered(topic, 2);
            stop(tool);
        }
        List<Path> files = files(dir);
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().contains("-000000."), files.toString());
        assertEquals("first\n", Files.readString(files.get(0)));
        assertEquals("second\n", Files.readString(files.get(1)));
    }

    @Test
    void logsEveryTopicGivenToAFileOfItsOwn() throws Exception {
        String a = topic("multi_a");
        String b = topic("multi_b");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", a, "-topic", b, "-output-dir", dir.toString(), "-sync-interval", "100ms")) {
            awaitChannel(a);
            awaitChannel(b);
            publish(a, bodies("a", 5));
            publish(b, bodies("b", 7));
            awaitAnswered(a, 5);
            awaitAnswered(b, 7);
            stop(tool);
        }
        assertEquals(lines(bodies("a", 5)), readAll(files(dir, a)));
        assertEquals(lines(bodies("b", 7)), readAll(files(dir, b)));
    }

    @Test
    void discoversTopicsMatchingThePatternThroughLookupd() throws Exception {
        String prefix = "pattern" + topics.incrementAndGet() + "_";
        String first = prefix + "first";
        String later = prefix + "later";
        String other = "unmatched" + topics.incrementAndGet();
        publish(first, bodies("f", 3));
        publish(other, bodies("o", 3));
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-lookupd-http-address", "127.0.0.1:" + NSQ.lookupd().httpPort(),
                "-topic-pattern", "^" + prefix, "-topic-refresh", "200ms", "-output-dir", dir.toString(),
                "-sync-interval", "100ms")) {
            awaitAnswered(first, 3);
            // a topic created while the tool runs is found at the next refresh
            publish(later, bodies("l", 4));
            awaitAnswered(later, 4);
            stop(tool);
        }
        assertEquals(lines(bodies("f", 3)), readAll(files(dir, first)));
        assertEquals(lines(bodies("l", 4)), readAll(files(dir, later)));
        assertEquals(List.of(), files(dir, other));
    }

    @Test
    void sigintWhileMessagesFlowLosesNothingAndWritesNoPartialLine() throws Exception {
        String topic = topic("sigint");
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger published = new AtomicInteger();
        Path output = dir.resolve("first");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", output.toString(), "-gzip", "-rotate-size", "20000")) {
            awaitChannel(topic);
            Thread publisher = new Thread(() -> {
                while (publishing.get()) {
                    int from = published.get();
                    producer.multiPublish(topic, IntStream.range(from, from + 20)
                            .mapToObj(i -> body(i).getBytes(StandardCharsets.UTF_8)).toList());
                    published.addAndGet(20);
                }
            });
            publisher.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> files(output).size() >= 2);
            tool.signal("INT");
            assertEquals(0, tool.waitFor(EXIT), tool.stderr());
            publishing.set(false);
            publisher.join();
        }
        Set<String> written = new HashSet<>();
        for (Path file : files(output)) {
            String text = gunzip(file);
            assertTrue(text.endsWith("\n"), file + " ends in a partial line");
            for (String line : text.split("\n")) {
                assertTrue(line.matches("body-\\d{7}"), "not a published body: " + line);
                assertTrue(written.add(line), "written twice: " + line);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> channel(topic).getLong("in_flight_count") == 0);
        assertEquals(published.get(), written.size() + channel(topic).getLong("depth"));

        // what the first run left in the channel is all there, exactly once
        Path rest = dir.resolve("rest");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", rest.toString(), "-sync-interval", "100ms")) {
            awaitAnswered(topic, 0);
            stop(tool);
        }
        for (String line : readAll(files(rest)).split("\n")) {
            if (!line.isEmpty()) {
                assertTrue(written.add(line), "written twice: " + line);
            }
        }
        assertEquals(IntStream.range(0, published.get()).mapToObj(NsqToFileIT::body).collect(Collectors.toSet()), written);
    }

    @Test
    void aBadFlagExitsWithStatus2() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-no-such-flag")) {
            assertEquals(2, tool.waitFor(EXIT));
            assertTrue(tool.stderr().contains("flag provided but not defined: -no-such-flag"), tool.stderr());
        }
    }

    @Test
    void helpPrintsTheFlagsAndExits0() {
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "--help")) {
            assertEquals(0, tool.waitFor(EXIT));
            assertTrue(tool.stdout().contains("-filename-format string"), tool.stdout());
            assertTrue(tool.stdout().contains("(default \"<TOPIC>.<HOST><REV>.<DATETIME>.log\")"), tool.stdout());
            // Go names a flag's value after a `word` in its help
            assertTrue(tool.stdout().contains("  -rotate-size rotate-size\n    \trotate the file when it grows bigger than rotate-size bytes\n"),
                    tool.stdout());
        }
    }

    @Test
    void missingRevInTheFilenameFormatIsReportedForTheTopic() throws Exception {
        String topic = topic("norev");
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-nsqd-tcp-address", NSQ.broker().tcpAddress(),
                "-topic", topic, "-output-dir", dir.toString(), "-gzip", "-filename-format", "<TOPIC>.log")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tool.stderr().contains(
                    "ERROR: couldn't create logger for new topic " + topic
                            + ": missing <REV> in --filename-format when gzip, rotation, or work dir enabled"));
            stop(tool);
        }
        assertEquals(List.of(), files(dir));
    }

    @Test
    void anUnreachableLookupdIsLoggedAtEachRefreshWithGosReasonAndSigintStillEndsIt() {
        String closed = "127.0.0.1:" + FreePorts.next();
        try (ToolProcess tool = ToolProcess.start("nsq_to_file", "-lookupd-http-address", closed,
                "-topic-pattern", "^never", "-topic-refresh", "100ms", "-output-dir", dir.toString())) {
            await().atMost(EXIT).until(() -> tool.stderr().contains("ERROR: could not retrieve topic list: "
                    + "failed to query any nsqlookupd: Get \"http://" + closed + "/topics\": dial tcp " + closed
                    + ": connect: connection refused"));
            stop(tool);
        }
    }

    // ---- helpers

    private static String topic(String name) {
        return "tofile_" + name + "_" + topics.incrementAndGet();
    }

    private static String body(int i) {
        return String.format("body-%07d", i);
    }

    private static List<String> bodies(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-message-" + i).toList();
    }

    private static String lines(List<String> bodies) {
        return bodies.stream().map(b -> b + "\n").collect(Collectors.joining());
    }

    private static void publish(String topic, List<String> bodies) {
        producer.multiPublish(topic, bodies.stream().map(b -> b.getBytes(StandardCharsets.UTF_8)).toList());
    }

    private static void stop(ToolProcess tool) {
        tool.signal("INT");
        assertEquals(0, tool.waitFor(EXIT), tool.stderr());
    }

    /** The tool's channel, from the broker's /stats; null while it does not exist. */
    private static JsonObject channel(String topic) {
        HttpAnswer a = HttpAnswer.get(NSQ.broker().httpUrl() + "/stats?format=json&topic=" + topic);
        JsonArray topics = a.status() == 200 ? new JsonObject(a.body()).getJsonArray("topics") : null;
        if (topics == null) {
            return null;
        }
        for (Object t : topics) {
            JsonObject json = (JsonObject) t;
            if (json.getString("topic_name").equals(topic) && json.getJsonArray("channels") != null) {
                for (Object c : json.getJsonArray("channels")) {
                    if (((JsonObject) c).getString("channel_name").equals("nsq_to_file")) {
                        return (JsonObject) c;
                    }
                }
            }
        }
        return null;
    }

    private static void awaitChannel(String topic) {
        await().atMost(Duration.ofSeconds(15)).until(() -> channel(topic) != null
                && channel(topic).getLong("client_count") > 0);
    }

    /** Every message published to the topic is FINished: the tool wrote and synced them. */
    private static void awaitAnswered(String topic, long total) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonObject c = channel(topic);
            return c != null && c.getLong("message_count") >= total && c.getLong("depth") == 0
                    && c.getLong("in_flight_count") == 0 && c.getLong("deferred_count") == 0;
        });
    }

    private static List<Path> files(Path folder) throws IOException {
        return files(folder, "");
    }

    /** The regular files in the folder whose name starts with the prefix, sorted by name. */
    private static List<Path> files(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted().toList();
        }
    }

    private static String readAll(List<Path> files) {
        StringBuilder out = new StringBuilder();
        for (Path f : files) {
            try {
                out.append(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** Every gzip member of the file, as gunzip reads them. */
    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
