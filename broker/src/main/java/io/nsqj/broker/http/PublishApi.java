package io.nsqj.broker.http;

import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.QueryParams;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST /pub and /mpub, with nsqd's checks in nsqd's order; and /channel/mpub, not nsqd's, which takes /mpub's
 * body into one channel of the topic only (how the operator moves a channel's messages off a broker).
 */
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

    Endpoint channelMpub() {
        return new Endpoint(this::mpubBody, this::channelMpub, false);
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
        List<byte[]> messages = List.of(body.bytes());
        long deferMillis = deferMillis(req);
        return accepted(topic, t -> t.publish(messages, deferMillis));
    }

    /** /pub's "defer" parameter in milliseconds, 0 without it. */
    private long deferMillis(ApiRequest req) {
        String ds = req.query().first("defer");
        if (ds == null) {
            return 0;
        }
        Long di = GoInts.parseBase10(ds);
        if (di == null) {
            throw new ApiError(400, "INVALID_DEFER");
        }
        long nanos = di * 1_000_000L; // wraps on overflow, like time.Duration(di) * time.Millisecond
        if (nanos < 0 || nanos > maxReqTimeoutNanos) {
            throw new ApiError(400, "INVALID_DEFER");
        }
        return nanos / 1_000_000L;
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
        List<byte[]> messages = messages(sink);
        return accepted(topic, t -> t.publish(messages, 0));
    }

    private CompletionStage<Reply> channelMpub(ApiRequest req, BodySink sink) {
        if (req.contentLength() > maxBodySize) {
            throw new ApiError(413, "BODY_TOO_BIG");
        }
        TopicLookup.TopicAndChannel tc = lookup.getOrCreateWithChannel(req);
        long deferMillis = deferMillis(req);
        List<byte[]> messages = messages(sink);
        return accepted(tc.topic(), t -> t.putInChannel(tc.channel(), messages, deferMillis));
    }

    private List<byte[]> messages(BodySink sink) {
        if (sink instanceof BinaryMpubParser parser) {
            return parser.messages();
        }
        return TextMpub.split(((BoundedBody) sink).bytes(), maxBodySize + 1, maxMsgSize);
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
    private static CompletionStage<Reply> accepted(Topic topic, TopicWrite write) {
        return TopicRegistry.call(topic, t -> {
            try {
                write.to(t);
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

    /** A publish, run on the topic's loop. */
    @FunctionalInterface
    private interface TopicWrite {
        void to(Topic topic) throws IOException;
    }
}
