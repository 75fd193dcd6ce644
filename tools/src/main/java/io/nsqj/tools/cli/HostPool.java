package io.nsqj.tools.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bitly's go-hostpool standard pool, NSQ's {@code -mode hostpool}: hosts are taken in turn, a host marked
 * failed is skipped for 30s, then tried once again with a doubled delay (up to 15 minutes) until it
 * succeeds; when every host is out, all are back in. Thread-safe under this object's lock.
 */
public final class HostPool {
    private static final long INITIAL_RETRY_DELAY_NANOS = 30_000_000_000L;
    private static final long MAX_RETRY_DELAY_NANOS = 900_000_000_000L;

    private static final class Host {
        final String address;
        boolean dead;
        long retryDelayNanos = INITIAL_RETRY_DELAY_NANOS;
        long nextRetryNanos;

        Host(String address) {
            this.address = address;
        }
    }

    private final Host[] hosts;
    private final Map<String, Host> byAddress = new LinkedHashMap<>();
    private int next;

    public HostPool(List<String> addresses) {
        hosts = new Host[addresses.size()];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = new Host(addresses.get(i));
            byAddress.put(hosts[i].address, hosts[i]);
        }
    }

    /** The next host to use; mark how it went with {@link #mark}. */
    public synchronized String get() {
        long now = System.nanoTime();
        for (int i = 0; i < hosts.length; i++) {
            int index = (next + i) % hosts.length;
            Host h = hosts[index];
            if (!h.dead) {
                next = index + 1;
                return h.address;
            }
            if (now - h.nextRetryNanos > 0) {
                h.retryDelayNanos = Math.min(h.retryDelayNanos * 2, MAX_RETRY_DELAY_NANOS);
                h.nextRetryNanos = now + h.retryDelayNanos;
                next = index + 1;
                return h.address;
            }
        }
        for (Host h : hosts) {
            h.dead = false;
        }
        next = 0;
        return hosts[0].address;
    }

    public synchronized void mark(String address, boolean success) {
        Host h = byAddress.get(address);
        if (success) {
            h.dead = false;
        } else if (!h.dead) {
            h.dead = true;
            h.retryDelayNanos = INITIAL_RETRY_DELAY_NANOS;
            h.nextRetryNanos = System.nanoTime() + h.retryDelayNanos;
        }
    }
}
