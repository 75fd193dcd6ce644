package io.nsqj.lookupd.registry;

/**
 * One nsqd in one registration. Tombstones live here, so tombstoning a node for a topic affects that topic's
 * registration only, and a fresh REGISTER after UNREGISTER starts untombstoned, as in nsqlookupd.
 *
 * <p>Thread-safety: the tombstone time is volatile, set under the DB lock and read by HTTP handlers.
 */
public final class Producer {
    /** Marks "never tombstoned"; /debug then shows Go's zero time as UnixNano, which is this value. */
    public static final long NOT_TOMBSTONED = -6795364578871345152L;

    private final PeerInfo peer;
    private volatile long tombstonedAtNanos = NOT_TOMBSTONED;

    public Producer(PeerInfo peer) {
        this.peer = peer;
    }

    public PeerInfo peer() {
        return peer;
    }

    void tombstone(long nowNanos) {
        tombstonedAtNanos = nowNanos;
    }

    public boolean wasTombstoned() {
        return tombstonedAtNanos != NOT_TOMBSTONED;
    }

    public long tombstonedAtNanos() {
        return tombstonedAtNanos;
    }

    /** A tombstone counts only for its lifetime; after that the producer shows again while still registered. */
    public boolean isTombstoned(long lifetimeNanos, long nowNanos) {
        return wasTombstoned() && nowNanos - tombstonedAtNanos < lifetimeNanos;
    }

    /** Active: heard from within the timeout and not under a live tombstone. */
    public boolean isActive(long inactivityTimeoutNanos, long tombstoneLifetimeNanos, long nowNanos) {
        return nowNanos - peer.lastUpdateNanos() <= inactivityTimeoutNanos
                && !isTombstoned(tombstoneLifetimeNanos, nowNanos);
    }
}
