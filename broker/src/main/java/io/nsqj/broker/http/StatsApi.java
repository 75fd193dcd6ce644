package io.nsqj.broker.http;

import io.nsqj.protocol.http.QueryParams;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** GET /stats: JSON with format=json, else nsqd's text; topic, channel, include_clients, include_mem. */
final class StatsApi {
    static final String HEALTH = "OK";

    private final StatsCollector collector;
    private final GcPauses gcPauses;
    private final long startMillis;

    StatsApi(StatsCollector collector, GcPauses gcPauses, long startMillis) {
        this.collector = collector;
        this.gcPauses = gcPauses;
        this.startMillis = startMillis;
    }

    CompletionStage<Reply> stats(ApiRequest req) {
        QueryParams q = req.query().requireValid();
        boolean json = "json".equals(q.first("format"));
        String topic = orEmpty(q.first("topic"));
        String channel = orEmpty(q.first("channel"));
        boolean includeClients = BoolParams.parse(q.first("include_clients"), true);
        boolean includeMem = BoolParams.parse(q.first("include_mem"), true);
        return collector.collect(topic, channel, includeClients).thenApplyAsync(snapshot -> {
            MemoryStats memory = includeMem ? MemoryStats.sample(gcPauses) : null;
            if (json) {
                return Reply.v1Json(StatsJson.render(snapshot, memory, HEALTH, startMillis / 1000));
            }
            Instant now = Instant.now();
            long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            return Reply.v1Text(StatsText.render(snapshot, memory, HEALTH, startMillis, nowNanos));
        }, req.loop());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
