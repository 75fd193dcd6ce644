package io.nsqj.tools.cli;

import io.nsqj.protocol.NsqLogLevel;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * NSQ's leveled application log (its lg package on a Go log.Logger with {@code -log-prefix} and
 * date, time and microseconds): {@code [nsq_to_file] 2024/01/02 15:04:05.123456 INFO: message} on stderr.
 * Thread-safe: each line is one println.
 */
public final class AppLogger {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");

    private final String prefix;
    private final NsqLogLevel level;
    private final PrintStream out;

    public AppLogger(String prefix, NsqLogLevel level, PrintStream out) {
        this.prefix = prefix;
        this.level = level;
        this.out = out;
    }

    /** From NSQ's {@code -log-prefix} and {@code -log-level} flags; a bad level ends the tool as NSQ's does. */
    public static AppLogger fromFlags(FlagSet flags) {
        NsqLogLevel level = NsqLogLevel.parse(flags.getString("log-level"))
                .orElseThrow(() -> ToolExit.fatal("--log-level is invalid"));
        return new AppLogger(flags.getString("log-prefix"), level, System.err);
    }

    /** Declares {@code -log-level} and {@code -log-prefix} with NSQ's defaults for this tool. */
    public static void define(FlagSet flags, String tool) {
        flags.string("log-level", "info", "set log verbosity: debug, info, warn, error, or fatal")
                .string("log-prefix", "[" + tool + "] ", "log message prefix");
    }

    public void debug(String format, Object... args) {
        log(NsqLogLevel.DEBUG, format, args);
    }

    public void info(String format, Object... args) {
        log(NsqLogLevel.INFO, format, args);
    }

    public void warn(String format, Object... args) {
        log(NsqLogLevel.WARN, format, args);
    }

    public void error(String format, Object... args) {
        log(NsqLogLevel.ERROR, format, args);
    }

    /** {@code format} takes {@link String#format} arguments. */
    public void log(NsqLogLevel at, String format, Object... args) {
        if (at.number() < level.number()) {
            return;
        }
        out.println(prefix + LocalDateTime.now().format(STAMP) + " " + name(at) + ": " + String.format(format, args));
    }

    /** lg's names: WARN prints as WARNING. */
    private static String name(NsqLogLevel level) {
        return level == NsqLogLevel.WARN ? "WARNING" : level.name();
    }
}
