package io.nsqj.admin.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One consumer connection of a channel on one nsqd, from its /stats. */
public record ClientStats(String node, String clientId, String hostname, String version, String remoteAddress,
                          String userAgent, int state, long readyCount, long inFlightCount, long messageCount,
                          long finishCount, long requeueCount, long connectTs, boolean tls, boolean deflate,
                          boolean snappy) {
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String connectedSince() {
        return SINCE.format(Instant.ofEpochSecond(connectTs));
    }
}
