package io.nsqj.lookupd.registry;

/**
 * What an nsqd told about itself in IDENTIFY, plus when it was last heard of. One instance per connection, shared
 * by all of that connection's registrations, so one PING refreshes them all. {@code id} is the connection's remote
 * address, which keys the producer in every registration.
 *
 * <p>Thread-safety: the identity fields are final; {@code lastUpdateNanos} is written by the connection's event
 * loop and read by HTTP handlers, hence volatile.
 */
public final class PeerInfo {
    private final String id;
    private final String remoteAddress;
    private final String hostname;
    private final String broadcastAddress;
    private final long tcpPort;
    private final long httpPort;
    private final String version;
    private final String topologyZone;
    private final String topologyRegion;
    private volatile long lastUpdateNanos;

    public PeerInfo(String remoteAddress, String hostname, String broadcastAddress, long tcpPort, long httpPort,
                    String version, String topologyZone, String topologyRegion, long lastUpdateNanos) {
        this.id = remoteAddress;
        this.remoteAddress = remoteAddress;
        this.hostname = hostname;
        this.broadcastAddress = broadcastAddress;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.version = version;
        this.topologyZone = topologyZone;
        this.topologyRegion = topologyRegion;
        this.lastUpdateNanos = lastUpdateNanos;
    }

    public String id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String hostname() {
        return hostname;
    }

    public String broadcastAddress() {
        return broadcastAddress;
    }

    public long tcpPort() {
        return tcpPort;
    }

    public long httpPort() {
        return httpPort;
    }

    public String version() {
        return version;
    }

    public String topologyZone() {
        return topologyZone;
    }

    public String topologyRegion() {
        return topologyRegion;
    }

    /** Wall-clock time of the last IDENTIFY or PING, in Unix nanoseconds as /debug shows it. */
    public long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    public void touch(long nowNanos) {
        lastUpdateNanos = nowNanos;
    }

    /** The node address nsqadmin names in /topic/tombstone: broadcast address and HTTP port. */
    public String node() {
        return broadcastAddress + ":" + httpPort;
    }
}
