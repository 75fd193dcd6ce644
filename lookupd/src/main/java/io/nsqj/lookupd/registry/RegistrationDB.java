package io.nsqj.lookupd.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Registrations (client, topic, channel) and the producers under each, with nsqlookupd's semantics: a
 * registration outlives its producers (topics stay listed after their nsqd leaves) until deleted explicitly,
 * and lookups filter producers by activity and tombstones rather than removing them.
 *
 * <p>Thread-safety: every method holds this object's monitor. Calls come from TCP event loops and HTTP handlers at
 * a low rate, so one lock is simplest; results are fresh lists the caller may keep.
 */
public final class RegistrationDB {
    private final Map<Registration, Map<String, Producer>> registrations = new LinkedHashMap<>();
    private final LongSupplier clockNanos;

    /** @param clockNanos wall-clock time in Unix nanoseconds (tests pass a manual clock) */
    public RegistrationDB(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
    }

    public long nowNanos() {
        return clockNanos.getAsLong();
    }

    public synchronized void addRegistration(Registration registration) {
        registrations.computeIfAbsent(registration, r -> new LinkedHashMap<>());
    }

    /** Adds the peer under the registration; false if it was already there (its tombstone, if any, stays). */
    public synchronized boolean addProducer(Registration registration, PeerInfo peer) {
        Map<String, Producer> producers = registrations.computeIfAbsent(registration, r -> new LinkedHashMap<>());
        return producers.putIfAbsent(peer.id(), new Producer(peer)) == null;
    }

    /** Removes the peer from the registration, leaving the registration itself even when it becomes empty. */
    public synchronized ProducerRemoval removeProducer(Registration registration, String peerId) {
        Map<String, Producer> producers = registrations.get(registration);
        if (producers == null) {
            return new ProducerRemoval(false, 0);
        }
        boolean removed = producers.remove(peerId) != null;
        return new ProducerRemoval(removed, producers.size());
    }

    public synchronized void removeRegistration(Registration registration) {
        registrations.remove(registration);
    }

    /** Registrations matching the query; key or subKey may be {@link Registration#ANY}. */
    public synchronized List<Registration> findRegistrations(Category category, String key, String subKey) {
        List<Registration> found = new ArrayList<>();
        for (Registration r : registrations.keySet()) {
            if (r.matches(category, key, subKey)) {
                found.add(r);
            }
        }
        return found;
    }

    /** Producers under the matching registrations, each peer once. */
    public synchronized List<Producer> findProducers(Category category, String key, String subKey) {
        Set<String> seen = new LinkedHashSet<>();
        List<Producer> found = new ArrayList<>();
        registrations.forEach((r, producers) -> {
            if (r.matches(category, key, subKey)) {
                for (Producer p : producers.values()) {
                    if (seen.add(p.peer().id())) {
                        found.add(p);
                    }
                }
            }
        });
        return found;
    }

    /** Every registration the peer is a producer in. */
    public synchronized List<Registration> lookupRegistrations(String peerId) {
        List<Registration> found = new ArrayList<>();
        registrations.forEach((r, producers) -> {
            if (producers.containsKey(peerId)) {
                found.add(r);
            }
        });
        return found;
    }

    /** The producer entry of this peer in this registration, if any (to read its tombstone). */
    public synchronized Producer producerOf(Registration registration, String peerId) {
        Map<String, Producer> producers = registrations.get(registration);
        return producers == null ? null : producers.get(peerId);
    }

    /** Tombstones the topic's producers whose node (broadcast address:HTTP port) is {@code node}. */
    public synchronized void tombstone(String topic, String node) {
        long now = nowNanos();
        for (Producer p : findProducers(Category.TOPIC, topic, "")) {
            if (p.peer().node().equals(node)) {
                p.tombstone(now);
            }
        }
    }

    /** Drops the peer from every registration: its connection is gone. */
    public synchronized List<Registration> removePeer(String peerId) {
        List<Registration> removedFrom = new ArrayList<>();
        for (Registration r : lookupRegistrations(peerId)) {
            if (removeProducer(r, peerId).removed()) {
                removedFrom.add(r);
            }
        }
        return removedFrom;
    }

    /** A copy of everything, for /debug. */
    public synchronized Map<Registration, List<Producer>> snapshot() {
        Map<Registration, List<Producer>> copy = new LinkedHashMap<>();
        registrations.forEach((r, producers) -> copy.put(r, List.copyOf(producers.values())));
        return copy;
    }

    /** Keeps the producers that are active now (see {@link Producer#isActive}). */
    public List<Producer> active(List<Producer> producers, long inactivityTimeoutNanos, long tombstoneLifetimeNanos) {
        long now = nowNanos();
        List<Producer> active = new ArrayList<>();
        for (Producer p : producers) {
            if (p.isActive(inactivityTimeoutNanos, tombstoneLifetimeNanos, now)) {
                active.add(p);
            }
        }
        return active;
    }
}
