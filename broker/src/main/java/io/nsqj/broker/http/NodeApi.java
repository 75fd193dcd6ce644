package io.nsqj.broker.http;

import io.nsqj.broker.BrokerVersion;
import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.GoJson;
import io.nsqj.protocol.LocalHostname;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GET /ping (nsqd's health, as plain text) and GET /info (what this node is and how to reach it). */
final class NodeApi {
    private final BrokerOptions options;
    private final long startMillis;

    NodeApi(BrokerOptions options, long startMillis) {
        this.options = options;
        this.startMillis = startMillis;
    }

    CompletionStage<Reply> ping(ApiRequest req) {
        return CompletableFuture.completedFuture(Reply.plainText(200, StatsApi.HEALTH));
    }

    CompletionStage<Reply> info(ApiRequest req) {
        String json = new GoJson().beginObject()
                .name("version").value(BrokerVersion.VERSION)
                .name("broadcast_address").value(options.broadcastAddress().orElseGet(LocalHostname::get))
                .name("hostname").value(LocalHostname.get())
                .name("http_port").value(req.localPort())
                .name("tcp_port").value(GoFlags.hostPort(options.tcpAddress()).port())
                .name("start_time").value(startMillis / 1000)
                .name("max_heartbeat_interval").value(options.maxHeartbeatInterval().toNanos())
                .name("max_output_buffer_size").value(options.maxOutputBufferSize())
                .name("max_output_buffer_timeout").value(options.maxOutputBufferTimeout().toNanos())
                .name("max_deflate_level").value(options.maxDeflateLevel())
                .name("topology_zone").value("")
                .name("topology_region").value("")
                .endObject().toString();
        return CompletableFuture.completedFuture(Reply.v1Json(json));
    }
}
