package io.nsqj.broker.http;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One route's behaviour: what to keep of the body, then the answer, computed off the event loop where it
 * needs a topic. {@code logged} mirrors nsqd's Log decorator (every route but /pub and /mpub).
 */
record Endpoint(Function<ApiRequest, BodySink> body, BiFunction<ApiRequest, BodySink, CompletionStage<Reply>> handler,
                boolean logged) {

    /** A logged route whose body is read and dropped. */
    static Endpoint of(Function<ApiRequest, CompletionStage<Reply>> handler) {
        return new Endpoint(r -> BodySink.DISCARD, (r, b) -> handler.apply(r), true);
    }
}
