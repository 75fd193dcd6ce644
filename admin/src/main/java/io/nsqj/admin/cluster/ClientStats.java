package io.nsqj.admin.cluster;

/** One consumer connection of a channel on one nsqd, from its /stats. */
public record ClientStats(String node, String clientId, String hostname, String version, String remoteAddress,
                          String userAgent, int state, long readyCount, long inFlightCount, long messageCount,
                          long finishCount, long requeueCount, long connectTs, boolean tls, boolean deflate,
                          boolean snappy) {

    public String connectedSince() {
        return java.time.Instant.ofEpochSecond(connectTs).toString();
    }
}
