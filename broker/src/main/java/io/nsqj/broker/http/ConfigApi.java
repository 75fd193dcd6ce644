package io.nsqj.broker.http;

import io.nsqj.protocol.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET and PUT /config/:opt. PUT changes log_level; nsqlookupd_tcp_addresses is answered as an unknown
 * option because this broker does not talk to nsqlookupd yet.
 */
final class ConfigApi {
    private final OptionValues options;
    private final LogLevels logLevels;
    private final long maxMsgSize;

    ConfigApi(OptionValues options, LogLevels logLevels, long maxMsgSize) {
        this.options = options;
        this.logLevels = logLevels;
        this.maxMsgSize = maxMsgSize;
    }

    Endpoint get() {
        return Endpoint.of(req -> CompletableFuture.completedFuture(value(req.params().get("opt"))));
    }

    Endpoint put() {
        return new Endpoint(req -> new BoundedBody(maxMsgSize + 1), this::put, true);
    }

    private CompletionStage<Reply> put(ApiRequest req, BodySink sink) {
        BoundedBody body = (BoundedBody) sink;
        if (body.length() == maxMsgSize + 1 || body.length() == 0) {
            throw new ApiError(413, "INVALID_VALUE");
        }
        String opt = req.params().get("opt");
        if (opt.equals("log_level")) {
            if (!logLevels.set(new String(body.bytes(), StandardCharsets.UTF_8))) {
                throw new ApiError(400, "INVALID_VALUE");
            }
        } else {
            throw new ApiError(400, "INVALID_OPTION");
        }
        return CompletableFuture.completedFuture(value(opt));
    }

    private Reply value(String opt) {
        Object v = options.get(opt);
        if (v == null) {
            throw new ApiError(400, "INVALID_OPTION");
        }
        if (v instanceof OptionValues.Json json) {
            return Reply.v1Json(json.text());
        }
        return Reply.v1Text((String) v);
    }
}
