package io.nsqj.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * NSQ's log levels (its lg package), numbered as /config/log_level shows them. Their names are also the
 * Quarkus (JBoss) level names the daemons run with.
 */
public enum NsqLogLevel {
    DEBUG(1), INFO(2), WARN(3), ERROR(4), FATAL(5);

    private final int number;

    NsqLogLevel(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** lg.ParseLogLevel: the names in any case; empty for anything else. */
    public static Optional<NsqLogLevel> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "debug" -> Optional.of(DEBUG);
            case "info" -> Optional.of(INFO);
            case "warn" -> Optional.of(WARN);
            case "error" -> Optional.of(ERROR);
            case "fatal" -> Optional.of(FATAL);
            default -> Optional.empty();
        };
    }
}
