package io.nsqj.broker.http;

import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.Names;
import io.nsqj.protocol.http.ApiError;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** POST /topic/create, /topic/delete, /topic/empty, /topic/pause and /topic/unpause. */
final class TopicApi {
    private final TopicLookup lookup;

    TopicApi(TopicLookup lookup) {
        this.lookup = lookup;
    }

    CompletionStage<Reply> create(ApiRequest req) {
        lookup.getOrCreate(req);
        return CompletableFuture.completedFuture(Reply.v1Empty());
    }

    /** Answers once the topic, its channels and files are gone, as nsqd's DeleteExistingTopic. */
    CompletionStage<Reply> delete(ApiRequest req) {
        String name = TopicLookup.topicName(req);
        TopicRegistry registry = lookup.registry();
        Topic topic = registry.get(name);
        if (topic == null || !registry.delete(name)) {
            throw new ApiError(404, "TOPIC_NOT_FOUND");
        }
        // the deletion was queued on the topic's loop: this runs after it
        return TopicRegistry.call(topic, t -> Reply.v1Empty());
    }

    CompletionStage<Reply> empty(ApiRequest req) {
        String name = TopicLookup.topicName(req);
        if (!Names.isValidTopicName(name)) {
            throw new ApiError(400, "INVALID_TOPIC");
        }
        Topic topic = lookup.existing(name);
        return TopicRegistry.call(topic, t -> {
            try {
                t.empty();
                return Reply.v1Empty();
            } catch (Exception e) {
                return Reply.v1Error(500, "INTERNAL_ERROR");
            }
        });
    }

    CompletionStage<Reply> pause(ApiRequest req) {
        return setPaused(req, true);
    }

    CompletionStage<Reply> unpause(ApiRequest req) {
        return setPaused(req, false);
    }

    private CompletionStage<Reply> setPaused(ApiRequest req, boolean paused) {
        Topic topic = lookup.existing(TopicLookup.topicName(req));
        return TopicRegistry.call(topic, t -> {
            if (paused) {
                t.pause();
            } else {
                t.unpause();
            }
            return Reply.v1Empty();
        });
    }
}
