package io.nsqj.broker.core;

import java.util.Locale;

/** When published messages reach the disk: {@code --sync-mode}. */
public enum SyncMode {
    /**
     * nsqd's behaviour: a memory queue first, then disk writes fsynced every --sync-every messages or
     * --sync-timeout. A crash loses the memory queues, in-flight and deferred messages and unsynced writes.
     */
    INTERVAL,
    /**
     * Every message goes to disk, and PUB/MPUB/DPUB are answered only once it is fsynced (group commit:
     * one fsync serves every publish that arrived meanwhile). In-flight and deferred messages are kept in a
     * per-channel {@link io.nsqj.broker.storage.PendingLog}, so a crash loses no acknowledged message.
     */
    ALWAYS;

    public static SyncMode parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "interval" -> INTERVAL;
            case "always" -> ALWAYS;
            default -> throw new IllegalArgumentException("invalid sync-mode " + value + " (interval or always)");
        };
    }
}
