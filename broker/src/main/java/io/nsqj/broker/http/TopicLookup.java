package io.nsqj.broker.http;

import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.Names;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.QueryParams;
import io.nsqj.protocol.http.TopicChannelArgs;

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
        return create(validTopic(req.query().requireValid()));
    }

    /**
     * For /channel/mpub: the topic as {@link #getOrCreate} checks it, then the "channel" parameter, both
     * checked before the topic is created. The errors are the publish routes' (INVALID_TOPIC, INVALID_CHANNEL),
     * not GetTopicChannelArgs' INVALID_ARG_*.
     */
    TopicAndChannel getOrCreateWithChannel(ApiRequest req) {
        QueryParams query = req.query().requireValid();
        String topic = validTopic(query);
        String channel = query.required("channel", "MISSING_ARG_CHANNEL");
        if (!Names.isValidChannelName(channel)) {
            throw new ApiError(400, "INVALID_CHANNEL");
        }
        return new TopicAndChannel(create(topic), channel);
    }

    private static String validTopic(QueryParams query) {
        String name = query.required("topic", "MISSING_ARG_TOPIC");
        if (!Names.isValidTopicName(name)) {
            throw new ApiError(400, "INVALID_TOPIC");
        }
        return name;
    }

    private Topic create(String name) {
        try {
            return registry().getOrCreate(name);
        } catch (IOException e) {
            throw new ApiError(500, "INTERNAL_ERROR");
        }
    }

    /** The "topic" parameter as /topic/delete and /topic/pause read it: present, never validated. */
    static String topicName(ApiRequest req) {
        return req.query().requireValid().required("topic", "MISSING_ARG_TOPIC");
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
        TopicChannelArgs args = TopicChannelArgs.from(req.query().requireValid());
        return new TopicAndChannel(existing(args.topic()), args.channel());
    }

    record TopicAndChannel(Topic topic, String channel) {
    }
}
