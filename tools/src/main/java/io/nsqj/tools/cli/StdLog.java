package io.nsqj.tools.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Go's standard logger with its default flags, as NSQ's simpler tools (nsq_tail, to_nsq) log through
 * {@code log.Printf}: {@code 2006/01/02 15:04:05 message} on stderr.
 */
public final class StdLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private StdLog() {
    }

    /** {@code format} takes {@link String#format} arguments. */
    public static void printf(String format, Object... args) {
        System.err.println(LocalDateTime.now().format(STAMP) + " " + String.format(format, args));
    }
}
