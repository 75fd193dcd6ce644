package io.nsqj.broker.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * nsqd's /debug routes. Go's pprof profiles have no JVM equivalent: those paths answer NOT_FOUND (but keep
 * their methods, so a wrong method is still 405). /debug/freememory and /debug/setblockrate do their work
 * and then answer as nsqd does: its PlainText decorator cannot write their nil result and its panic
 * handler turns that into 500 INTERNAL_ERROR.
 */
final class DebugApi {
    private DebugApi() {
    }

    static CompletionStage<Reply> pprof(ApiRequest req) {
        return CompletableFuture.completedFuture(Reply.v1Error(404, "NOT_FOUND"));
    }

    static CompletionStage<Reply> freeMemory(ApiRequest req) {
        System.gc();
        return CompletableFuture.completedFuture(Reply.v1Error(500, "INTERNAL_ERROR"));
    }

    /** The rate must parse as Go's Atoi; the JVM has no block profiler to set. */
    static CompletionStage<Reply> setBlockRate(ApiRequest req) {
        String rate = req.query().first("rate");
        Long parsed = GoInts.parseBase10(rate);
        if (parsed == null) {
            return CompletableFuture.completedFuture(
                    Reply.plainText(400, "invalid block rate : " + GoInts.atoiError(rate)));
        }
        return CompletableFuture.completedFuture(Reply.v1Error(500, "INTERNAL_ERROR"));
    }
}
