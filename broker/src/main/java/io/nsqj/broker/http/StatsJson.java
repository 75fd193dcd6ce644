package io.nsqj.broker.http;

import io.nsqj.protocol.GoFloats;

import io.nsqj.broker.BrokerVersion;
import io.nsqj.broker.core.ChannelStats;
import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.LatencySummary;
import io.nsqj.broker.core.TopicStats;
import io.nsqj.protocol.GoFloats;
import io.nsqj.protocol.GoJson;

import java.util.List;
import java.util.Map;

/**
 * /stats?format=json, key for key as nsqd encodes its TopicStats, ChannelStats, ClientV2Stats and memStats:
 * same order, same omitempty fields left out (zone/region/global counts, auth fields, empty pub_counts),
 * nil slices as null.
 */
final class StatsJson {
    private StatsJson() {
    }

    static String render(StatsSnapshot stats, MemoryStats memory, String health, long startTime) {
        GoJson j = new GoJson().beginObject()
                .name("version").value(BrokerVersion.VERSION)
                .name("health").value(health)
                .name("start_time").value(startTime)
                .name("topics");
        if (stats.topics() == null) {
            j.nullValue();
        } else {
            j.beginArray();
            for (TopicStats t : stats.topics()) {
                topic(j, t, stats);
            }
            j.endArray();
        }
        if (memory != null) {
            j.name("memory");
            memory(j, memory);
        }
        j.name("producers");
        clients(j, stats.producers(), stats.topicFilter());
        return j.endObject().toString();
    }

    private static void topic(GoJson j, TopicStats t, StatsSnapshot stats) {
        j.beginObject()
                .name("topic_name").value(t.topicName())
                .name("channels").beginArray();
        for (ChannelStats c : t.channels()) {
            channel(j, c, stats);
        }
        j.endArray()
                .name("depth").value(t.depth())
                .name("backend_depth").value(t.backendDepth())
                .name("message_count").value(t.messageCount())
                .name("message_bytes").value(t.messageBytes())
                .name("paused").value(t.paused())
                .name("e2e_processing_latency");
        latency(j, t.e2eProcessingLatency());
        j.endObject();
    }

    private static void channel(GoJson j, ChannelStats c, StatsSnapshot stats) {
        j.beginObject()
                .name("channel_name").value(c.channelName())
                .name("depth").value(c.depth())
                .name("backend_depth").value(c.backendDepth())
                .name("in_flight_count").value(c.inFlightCount())
                .name("deferred_count").value(c.deferredCount())
                .name("message_count").value(c.messageCount())
                .name("requeue_count").value(c.requeueCount())
                .name("timeout_count").value(c.timeoutCount())
                .name("client_count").value(c.clientCount())
                .name("clients");
        if (stats.includeClients()) {
            j.beginArray();
            for (ClientStats client : c.clients()) {
                client(j, client, stats.topicFilter());
            }
            j.endArray();
        } else {
            j.nullValue();
        }
        j.name("paused").value(c.paused())
                .name("e2e_processing_latency");
        latency(j, c.e2eProcessingLatency());
        j.endObject();
    }

    static void clients(GoJson j, List<ClientStats> clients, String topicFilter) {
        if (clients == null) {
            j.nullValue();
            return;
        }
        j.beginArray();
        for (ClientStats c : clients) {
            client(j, c, topicFilter);
        }
        j.endArray();
    }

    private static void client(GoJson j, ClientStats c, String topicFilter) {
        j.beginObject()
                .name("client_id").value(c.clientId())
                .name("hostname").value(c.hostname())
                .name("version").value(c.version())
                .name("remote_address").value(c.remoteAddress())
                .name("state").value(c.state())
                .name("ready_count").value(c.readyCount())
                .name("in_flight_count").value(c.inFlightCount())
                .name("message_count").value(c.messageCount())
                .name("finish_count").value(c.finishCount())
                .name("requeue_count").value(c.requeueCount())
                .name("connect_ts").value(c.connectTs())
                .name("sample_rate").value(c.sampleRate())
                .name("deflate").value(c.deflate())
                .name("snappy").value(c.snappy())
                .name("user_agent").value(c.userAgent());
        // nsqd leaves the auth fields out (omitempty) for a client that did not AUTH
        if (c.authed()) {
            j.name("authed").value(true);
        }
        if (!c.authIdentity().isEmpty()) {
            j.name("auth_identity").value(c.authIdentity());
        }
        if (!c.authIdentityUrl().isEmpty()) {
            j.name("auth_identity_url").value(c.authIdentityUrl());
        }
        j.name("topology_zone").value(c.topologyZone())
                .name("topology_region").value(c.topologyRegion());
        List<ClientStats.PubCount> pubs = StatsCollector.shownPubCounts(c, topicFilter);
        if (!pubs.isEmpty()) {
            j.name("pub_counts").beginArray();
            for (ClientStats.PubCount p : pubs) {
                j.beginObject().name("topic").value(p.topic()).name("count").value(p.count()).endObject();
            }
            j.endArray();
        }
        j.name("tls").value(c.tls())
                .name("tls_cipher_suite").value(c.tlsCipherSuite())
                .name("tls_version").value(c.tlsVersion())
                .name("tls_negotiated_protocol").value(c.tlsNegotiatedProtocol())
                .name("tls_negotiated_protocol_is_mutual").value(c.tlsNegotiatedProtocolIsMutual())
                .endObject();
    }

    private static void latency(GoJson j, LatencySummary l) {
        LatencySummary s = l == null ? LatencySummary.EMPTY : l;
        j.beginObject().name("count").value(s.count()).name("percentiles");
        if (s.percentiles() == null) {
            j.nullValue();
        } else {
            j.beginArray();
            for (Map<String, Double> p : s.percentiles()) {
                j.beginObject()
                        .name("quantile").rawNumber(GoFloats.format(p.get("quantile")))
                        .name("value").rawNumber(GoFloats.format(p.get("value")))
                        .endObject();
            }
            j.endArray();
        }
        j.endObject();
    }

    private static void memory(GoJson j, MemoryStats m) {
        j.beginObject()
                .name("heap_objects").value(m.heapObjects())
                .name("heap_idle_bytes").value(m.heapIdleBytes())
                .name("heap_in_use_bytes").value(m.heapInUseBytes())
                .name("heap_released_bytes").value(m.heapReleasedBytes())
                .name("gc_pause_usec_100").value(m.gcPauseUsec100())
                .name("gc_pause_usec_99").value(m.gcPauseUsec99())
                .name("gc_pause_usec_95").value(m.gcPauseUsec95())
                .name("next_gc_bytes").value(m.nextGcBytes())
                .name("gc_total_runs").value(m.gcTotalRuns())
                .endObject();
    }
}
