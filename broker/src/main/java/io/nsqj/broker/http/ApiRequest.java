package io.nsqj.broker.http;

import io.nsqj.protocol.http.QueryParams;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What a handler knows of its request: the decoded path and its route parameters, the raw query (parsed
 * the Go way in {@link #query()}), the declared Content-Length (-1 when unknown, as Go's), the listening
 * port it arrived on, and its event loop.
 */
record ApiRequest(String method, String path, Map<String, String> params, String rawQuery, long contentLength,
                  int localPort, Executor loop, QueryParams query) {

    /** {@code loop} runs work on the request's event loop, e.g. rendering once topics have answered. */
    static ApiRequest of(String method, String path, Map<String, String> params, String rawQuery,
                         long contentLength, int localPort, Executor loop) {
        return new ApiRequest(method, path, params, rawQuery, contentLength, localPort, loop,
                QueryParams.parse(rawQuery));
    }
}
