package io.nsqj.tools.stat;

import io.vertx.core.json.JsonObject;

/** One channel's counts summed over every nsqd that has it, as nsqadmin and nsq_stat add them up. */
record ChannelTotals(long depth, long memoryDepth, long backendDepth, long inFlight, long deferred,
                     long requeued, long timedOut, long messages, long clients) {

    static final ChannelTotals NONE = new ChannelTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** From one channel of nsqd's /stats?format=json; its memory depth is what is not on disk. */
    static ChannelTotals fromStats(JsonObject channel) {
        long depth = channel.getLong("depth", 0L);
        long backend = channel.getLong("backend_depth", 0L);
        return new ChannelTotals(depth, depth - backend, backend,
                channel.getLong("in_flight_count", 0L), channel.getLong("deferred_count", 0L),
                channel.getLong("requeue_count", 0L), channel.getLong("timeout_count", 0L),
                channel.getLong("message_count", 0L), channel.getLong("client_count", 0L));
    }

    ChannelTotals plus(ChannelTotals o) {
        return new ChannelTotals(depth + o.depth, memoryDepth + o.memoryDepth, backendDepth + o.backendDepth,
                inFlight + o.inFlight, deferred + o.deferred, requeued + o.requeued, timedOut + o.timedOut,
                messages + o.messages, clients + o.clients);
    }
}
