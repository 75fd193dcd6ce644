package io.nsqj.broker.http;

import org.jboss.logmanager.Level;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * nsqd's log level (1 debug, 2 info, 3 warn, 4 error, 5 fatal) as /config/log_level shows it, applied to
 * the root logger when changed at runtime.
 */
final class LogLevels {
    private final AtomicInteger level;

    LogLevels(String quarkusLevel) {
        this.level = new AtomicInteger(fromQuarkus(quarkusLevel));
    }

    int current() {
        return level.get();
    }

    /** lg.ParseLogLevel: case-insensitive names; returns false for anything else. */
    boolean set(String name) {
        int parsed = switch (name.toLowerCase(Locale.ROOT)) {
            case "debug" -> 1;
            case "info" -> 2;
            case "warn" -> 3;
            case "error" -> 4;
            case "fatal" -> 5;
            default -> 0;
        };
        if (parsed == 0) {
            return false;
        }
        java.util.logging.Logger.getLogger("").setLevel(switch (parsed) {
            case 1 -> Level.DEBUG;
            case 2 -> Level.INFO;
            case 3 -> Level.WARN;
            case 4 -> Level.ERROR;
            default -> Level.FATAL;
        });
        level.set(parsed);
        return true;
    }

    private static int fromQuarkus(String quarkusLevel) {
        if (quarkusLevel == null) {
            return 2;
        }
        return switch (quarkusLevel.toUpperCase(Locale.ROOT)) {
            case "DEBUG", "TRACE", "ALL", "FINE", "FINER", "FINEST" -> 1;
            case "WARN", "WARNING" -> 3;
            case "ERROR", "SEVERE" -> 4;
            case "FATAL", "OFF" -> 5;
            default -> 2;
        };
    }
}
