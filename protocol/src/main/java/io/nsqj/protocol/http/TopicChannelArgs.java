package io.nsqj.protocol.http;

import io.nsqj.protocol.Names;

/** http_api.GetTopicChannelArgs: the validated topic and channel, failing with NSQ's messages in its order. */
public record TopicChannelArgs(String topic, String channel) {
    public static TopicChannelArgs from(QueryParams params) {
        String topic = params.required("topic", "MISSING_ARG_TOPIC");
        if (!Names.isValidTopicName(topic)) {
            throw new ApiError(400, "INVALID_ARG_TOPIC");
        }
        String channel = params.required("channel", "MISSING_ARG_CHANNEL");
        if (!Names.isValidChannelName(channel)) {
            throw new ApiError(400, "INVALID_ARG_CHANNEL");
        }
        return new TopicChannelArgs(topic, channel);
    }
}
