package io.nsqj.broker.http;

import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.QueryParams;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** POST /pub and /mpub, with nsqd's checks in nsqd's order. */
final class PublishApi {
    private static final System.Logger LOG = System.getLogger(PublishApi.class.getName());

    private final TopicLookup lookup;
    private final long maxMsgSize;
    private final long maxBodySize;
    private final long maxReqTimeoutNanos;

    PublishApi(TopicLookup lookup, long maxMsgSize, long maxBodySize, long maxReqTimeoutNanos) {
        this.lookup = lookup;
        this.maxMsgSize = maxMsgSize;
        this.maxBodySize = maxBodySize;
        this.maxReqTimeoutNanos = maxReqTimeoutNanos;
    }

    Endpoint pub() {
        return new Endpoint(
                req -> req.contentLength() > maxMsgSize ? BodySink.UNREAD : new BoundedBody(maxMsgSize + 1),
                this::pub, false);
    }

    Endpoint mpub() {
        return new Endpoint(this::mpubBody, this::mpub, false);
    }

    private CompletionStage<Reply> pub(ApiRequest req, BodySink sink) {
        if (req.contentLength() > maxMsgSize) {
            throw new ApiError(413, "MSG_TOO_BIG");
        }
        BoundedBody body = (BoundedBody) sink;
        if (body.length() == maxMsgSize + 1) {
            throw new ApiError(413, "MSG_TOO_BIG");
        }
        if (body.length() == 0) {
            throw new ApiError(400, "MSG_EMPTY");
        }
        Topic topic = lookup.getOrCreate(req);
        long deferMillis = 0;
        String ds = req.query().first("defer");
        if (ds != null) {
            Long di = GoInts.parseBase10(ds);
            if (di == null) {
                throw new ApiError(400, "INVALID_DEFER");
            }
            long nanos = di * 1_000_000L; // wraps on overflow, like time.Duration(di) * time.Millisecond
            if (nanos < 0 || nanos > maxReqTimeoutNanos) {
                throw new ApiError(400, "INVALID_DEFER");
            }
            deferMillis = nanos / 1_000_000L;
        }
        return publish(topic, List.of(body.bytes()), deferMillis);
    }

    private BodySink mpubBody(ApiRequest req) {
        if (req.contentLength() > maxBodySize) {
            return BodySink.UNREAD;
        }
        return binary(req.query()) ? new BinaryMpubParser(maxMsgSize, maxBodySize) : new BoundedBody(maxBodySize + 1);
    }

    private CompletionStage<Reply> mpub(ApiRequest req, BodySink sink) {
        if (req.contentLength() > maxBodySize) {
            throw new ApiError(413, "BODY_TOO_BIG");
        }
        Topic topic = lookup.getOrCreate(req);
        List<byte[]> messages;
        if (sink instanceof BinaryMpubParser parser) {
            messages = parser.messages();
        } else {
            messages = TextMpub.split(((BoundedBody) sink).bytes(), maxBodySize + 1, maxMsgSize);
        }
        return publish(topic, messages, 0);
    }

    /** Text mode is the default; any value but true/1/false/0 counts as true (nsqd logs it as deprecated). */
    private static boolean binary(QueryParams q) {
        String v = q.first("binary");
        if (v == null) {
            return false;
        }
        Boolean b = BoolParams.parse(v);
        if (b == null) {
            LOG.log(System.Logger.Level.WARNING, "deprecated value '" + v + "' used for /mpub binary param");
            return true;
        }
        return b;
    }

    /** OK once the messages are durable as --sync-mode asks; a failed fsync is a 500, as a disk write is. */
    private static CompletionStage<Reply> publish(Topic topic, List<byte[]> messages, long deferMillis) {
        return TopicRegistry.call(topic, t -> {
            try {
                t.publish(messages, deferMillis);
            } catch (Exception e) {
                return CompletableFuture.completedFuture(failed(topic, e));
            }
            return t.whenDurable().handle((ok, e) -> e == null ? Reply.v1Text("OK") : failed(topic, e));
        }).thenCompose(reply -> reply).exceptionally(e -> Reply.v1Error(503, "EXITING"));
    }

    /** nsqd answers 503 EXITING to every failed put; a disk that refuses the message is a 500 here. */
    private static Reply failed(Topic topic, Throwable e) {
        if (topic.isDeleted()) {
            return Reply.v1Error(503, "EXITING");
        }
        LOG.log(System.Logger.Level.ERROR, "HTTP publish to " + topic.name() + " failed: " + e.getMessage());
        return Reply.v1Error(500, "PUB_FAILED");
    }
}
