package io.nsqj.broker.core;

import java.util.List;

/** One client in /stats, field for field as nsqd's ClientV2Stats (snake_case on the wire). */
public record ClientStats(
        String clientId,
        String hostname,
        String version,
        String remoteAddress,
        int state,
        long readyCount,
        long inFlightCount,
        long messageCount,
        long finishCount,
        long requeueCount,
        long connectTs,
        int sampleRate,
        boolean deflate,
        boolean snappy,
        String userAgent,
        boolean authed,
        String authIdentity,
        String authIdentityUrl,
        boolean tls,
        String tlsCipherSuite,
        String tlsVersion,
        String tlsNegotiatedProtocol,
        boolean tlsNegotiatedProtocolIsMutual,
        String topologyZone,
        String topologyRegion,
        List<PubCount> pubCounts) {

    public record PubCount(String topic, long count) {
    }
}
