package io.nsqj.broker.http;

import io.nsqj.broker.lookup.LookupRegistrar;
import io.nsqj.protocol.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * GET and PUT /config/:opt. PUT changes what nsqd lets change at runtime: log_level, and
 * nsqlookupd_tcp_addresses, a JSON array of strings that replaces the lookupd addresses of the
 * {@link LookupRegistrar}, which then connects to the added lookupds and drops the others, as nsqd's lookup
 * loop does. The body is checked first as nsqd checks it: empty or longer than --max-msg-size is 413.
 */
final class ConfigApi {
    private final OptionValues options;
    private final LogLevels logLevels;
    private final Supplier<LookupRegistrar> lookup;
    private final long maxMsgSize;

    ConfigApi(OptionValues options, LogLevels logLevels, Supplier<LookupRegistrar> lookup, long maxMsgSize) {
        this.options = options;
        this.logLevels = logLevels;
        this.lookup = lookup;
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
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        String opt = req.params().get("opt");
        switch (opt) {
            case "nsqlookupd_tcp_addresses" -> {
                LookupRegistrar registrar = lookup.get();
                List<String> addresses;
                try {
                    addresses = GoStringSlice.unmarshal(text, registrar.addresses());
                } catch (IllegalArgumentException e) {
                    throw new ApiError(400, "INVALID_VALUE");
                }
                registrar.setAddresses(addresses);
            }
            case "log_level" -> {
                if (!logLevels.set(text)) {
                    throw new ApiError(400, "INVALID_VALUE");
                }
            }
            default -> throw new ApiError(400, "INVALID_OPTION");
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
