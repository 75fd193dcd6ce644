package io.nsqj.tools.bench;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the epoch, read from {@link System#nanoTime()} plus an offset taken
 * once: cheap enough to read per message, and comparable between two processes on one host (the writer
 * stamps a message, the reader subtracts), which nanoTime alone is not.
 */
final class WallClock {
    private static final long OFFSET;

    static {
        Instant now = Instant.now();
        OFFSET = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    private WallClock() {
    }

    static long nanos() {
        return OFFSET + System.nanoTime();
    }
}
