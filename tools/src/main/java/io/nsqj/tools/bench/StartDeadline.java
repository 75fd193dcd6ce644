package io.nsqj.tools.bench;

import io.nsqj.protocol.GoDuration;
import io.nsqj.tools.cli.ToolExit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * NSQ's -deadline: "2006-01-02 15:04:05" (UTC, as Go's time.Parse reads a time without a zone), the moment
 * every writer and reader of a distributed run starts together; empty starts at once.
 */
final class StartDeadline {
    private static final DateTimeFormatter LAYOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StartDeadline() {
    }

    static void sleepUntil(String deadline, BenchLog log) throws InterruptedException {
        if (deadline.isEmpty()) {
            return;
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(deadline, LAYOUT);
        } catch (DateTimeParseException e) {
            throw ToolExit.fatal("parsing time \"" + deadline + "\" as \"2006-01-02 15:04:05\": cannot parse");
        }
        Duration d = Duration.between(Instant.now(), t.toInstant(ZoneOffset.UTC));
        log.printf("sleeping until %s +0000 UTC (%s)", t.format(LAYOUT), GoDuration.format(d.toNanos()));
        if (!d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }
}
