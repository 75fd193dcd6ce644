package io.nsqj.broker.http;

import io.nsqj.protocol.NsqLogLevel;
import org.jboss.logmanager.Level;

import java.util.Locale;
import java.util.Optional;
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

    /** Sets the level named as lg.ParseLogLevel reads it; returns false for a name it refuses. */
    boolean set(String name) {
        Optional<NsqLogLevel> parsed = NsqLogLevel.parse(name);
        if (parsed.isEmpty()) {
            return false;
        }
        java.util.logging.Logger.getLogger("").setLevel(switch (parsed.get()) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR -> Level.ERROR;
            case FATAL -> Level.FATAL;
        });
        level.set(parsed.get().number());
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
