package io.nsqj.tools.tofile;

import io.nsqj.tools.cli.AppLogger;
import io.nsqj.tools.cli.ConsumerFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.ToolExit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * nsq_to_file's options: its flags with NSQ's names, defaults and help texts, and NSQ's checks of them.
 *
 * @param topicPattern null when {@code -topic-pattern} is empty or does not compile (then no topic matches,
 *                     as Go's regexp.MatchString answers false on a bad pattern)
 * @param workDir      {@code -work-dir}, which defaults to {@code -output-dir}
 */
record ToFileOptions(
        List<String> topics,
        String topicPatternText,
        Pattern topicPattern,
        Duration topicRefresh,
        String channel,
        List<String> nsqdTcpAddresses,
        List<String> lookupdHttpAddresses,
        int maxInFlight,
        Duration httpConnectTimeout,
        Duration httpRequestTimeout,
        Path outputDir,
        Path workDir,
        String datetimeFormat,
        String filenameFormat,
        String hostIdentifier,
        boolean gzip,
        int gzipLevel,
        boolean skipEmptyFiles,
        long rotateSize,
        Duration rotateInterval,
        Duration syncInterval) {

    static final String TOOL = "nsq_to_file";

    static FlagSet flags() {
        FlagSet flags = new FlagSet(TOOL)
                .bool("version", false, "print version string")
                .string("channel", "nsq_to_file", "nsq channel")
                .string("output-dir", "/tmp", "directory to write output files to")
                .string("work-dir", "", "directory for in-progress files before moving to output-dir")
                .string("datetime-format", "%Y-%m-%d_%H", "strftime compatible format for <DATETIME> in filename format")
                .string("filename-format", "<TOPIC>.<HOST><REV>.<DATETIME>.log",
                        "output filename format (<TOPIC>, <HOST>, <PID>, <DATETIME>, <REV> are replaced. <REV> is increased when file already exists)")
                .string("host-identifier", "",
                        "value to output in log filename in place of hostname. <SHORT_HOST> and <HOSTNAME> are valid replacement tokens")
                .integer("gzip-level", 6, "gzip compression level (1-9, 1=BestSpeed, 9=BestCompression)")
                .bool("gzip", false, "gzip output files.")
                .bool("skip-empty-files", false, "skip writing empty files")
                .duration("topic-refresh", Duration.ofMinutes(1), "how frequently the topic list should be refreshed")
                .string("topic-pattern", "", "only log topics matching the following pattern")
                .integer("rotate-size", 0, "rotate the file when it grows bigger than `rotate-size` bytes")
                .duration("rotate-interval", Duration.ZERO, "rotate the file every duration")
                .duration("sync-interval", Duration.ofSeconds(30), "sync file to disk every duration")
                .duration("http-client-connect-timeout", Duration.ofSeconds(2), "timeout for HTTP connect")
                .duration("http-client-request-timeout", Duration.ofSeconds(5), "timeout for HTTP request")
                .strings("topic", "nsq topic (may be given multiple times)");
        AppLogger.define(flags, TOOL);
        ConsumerFlags.define(flags, 200);
        return flags;
    }

    /** NSQ's checks, in NSQ's order and with its messages; each failure ends the tool with status 1. */
    static ToFileOptions from(FlagSet flags) {
        String channel = flags.getString("channel");
        if (channel.isEmpty()) {
            throw ToolExit.fatal("--channel is required");
        }
        Duration connectTimeout = flags.getDuration("http-client-connect-timeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw ToolExit.fatal("--http-client-connect-timeout should be positive");
        }
        Duration requestTimeout = flags.getDuration("http-client-request-timeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw ToolExit.fatal("--http-client-request-timeout should be positive");
        }
        List<String> nsqds = flags.getStrings("nsqd-tcp-address");
        List<String> lookupds = flags.getStrings("lookupd-http-address");
        if (nsqds.isEmpty() && lookupds.isEmpty()) {
            throw ToolExit.fatal("--nsqd-tcp-address or --lookupd-http-address required.");
        }
        if (!nsqds.isEmpty() && !lookupds.isEmpty()) {
            throw ToolExit.fatal("use --nsqd-tcp-address or --lookupd-http-address not both");
        }
        long gzipLevel = flags.getLong("gzip-level");
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw ToolExit.fatal("invalid --gzip-level value (" + gzipLevel + "), should be 1-9");
        }
        List<String> topics = flags.getStrings("topic");
        String patternText = flags.getString("topic-pattern");
        if (topics.isEmpty() && patternText.isEmpty()) {
            throw ToolExit.fatal("--topic or --topic-pattern required");
        }
        if (topics.isEmpty() && lookupds.isEmpty()) {
            throw ToolExit.fatal("--lookupd-http-address must be specified when no --topic specified");
        }
        Duration syncInterval = flags.getDuration("sync-interval");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            // Go's ticker panics on it
            throw ToolExit.fatal("--sync-interval should be positive");
        }
        Path outputDir = Path.of(flags.getString("output-dir"));
        String workDir = flags.getString("work-dir");
        return new ToFileOptions(List.copyOf(topics), patternText, compile(patternText),
                flags.getDuration("topic-refresh"), channel, nsqds, lookupds, flags.getInt("max-in-flight"),
                connectTimeout, requestTimeout, outputDir, workDir.isEmpty() ? outputDir : Path.of(workDir),
                flags.getString("datetime-format"), flags.getString("filename-format"),
                flags.getString("host-identifier"), flags.getBool("gzip"), (int) gzipLevel,
                flags.getBool("skip-empty-files"), flags.getLong("rotate-size"), flags.getDuration("rotate-interval"),
                syncInterval);
    }

    private static Pattern compile(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** Whether files are written in one folder and moved to another when closed. */
    boolean movesFiles() {
        return !workDir.toAbsolutePath().normalize().equals(outputDir.toAbsolutePath().normalize());
    }

    /** Go's rule: no pattern allows every topic; a pattern must be found somewhere in the name. */
    boolean isTopicAllowed(String topic) {
        if (topicPatternText.isEmpty()) {
            return true;
        }
        return topicPattern != null && topicPattern.matcher(topic).find();
    }
}
