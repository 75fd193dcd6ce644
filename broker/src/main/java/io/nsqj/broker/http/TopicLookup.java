package io.nsqj.broker.http;

import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.Names;
import io.nsqj.protocol.http.ApiError;

import java.io.IOException;
import java.util.function.Supplier;

/** nsqd's ways of finding the topic (and channel name) a request is about, with their errors. */
final class TopicLookup {
    private final Supplier<TopicRegistry> topics;

    TopicLookup(Supplier<TopicRegistry> topics) {
        this.topics = topics;
    }

    TopicRegistry registry() {
        TopicRegistry r = topics.get();
        if (r == null) {
            throw new ApiError(500, "INTERNAL_ERROR");
        }
        return r;
    }

    /** getTopicFromQuery: the "topic" parameter, checked, and the topic created if needed. */
    Topic getOrCreate(ApiRequest req) {
        QueryParams q = req.validQuery();
        if (!q.has("topic")) {
            throw new ApiError(400, "MISSING_ARG_TOPIC");
        }
        String name = q.first("topic");
        if (!Names.isValidTopicName(name)) {
            throw new ApiError(400, "INVALID_TOPIC");
        }
        try {
            return registry().getOrCreate(name);
        } catch (IOException e) {
            throw new ApiError(500, "INTERNAL_ERROR");
        }
    }

    /** The "topic" parameter as /topic/delete and /topic/pause read it: present, never validated. */
    static String topicName(ApiRequest req) {
        QueryParams q = req.validQuery();
        if (!q.has("topic")) {
            throw new ApiError(400, "MISSING_ARG_TOPIC");
        }
        return q.first("topic");
    }

    Topic existing(String name) {
        Topic topic = registry().get(name);
        if (topic == null) {
            throw new ApiError(404, "TOPIC_NOT_FOUND");
        }
        return topic;
    }

    /** getExistingTopicFromQuery: http_api.GetTopicChannelArgs' checks, then the topic must exist. */
    TopicAndChannel existingWithChannel(ApiRequest req) {
        QueryParams q = req.validQuery();
        if (!q.has("topic")) {
            throw new ApiError(400, "MISSING_ARG_TOPIC");
        }
        String topicName = q.first("topic");
        if (!Names.isValidTopicName(topicName)) {
            throw new ApiError(400, "INVALID_ARG_TOPIC");
        }
        if (!q.has("channel")) {
            throw new ApiError(400, "MISSING_ARG_CHANNEL");
        }
        String channelName = q.first("channel");
        if (!Names.isValidChannelName(channelName)) {
            throw new ApiError(400, "INVALID_ARG_CHANNEL");
        }
        return new TopicAndChannel(existing(topicName), channelName);
    }

    record TopicAndChannel(Topic topic, String channel) {
    }
}
