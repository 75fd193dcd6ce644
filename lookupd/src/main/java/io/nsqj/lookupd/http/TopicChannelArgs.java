package io.nsqj.lookupd.http;

import io.nsqj.protocol.Names;
import io.nsqj.protocol.http.ApiError;

/** The validated topic and channel of the channel endpoints, failing with nsqlookupd's messages in its order. */
record TopicChannelArgs(String topic, String channel) {
    static TopicChannelArgs from(QueryParams params) {
        String topic = params.get("topic");
        if (topic == null) {
            throw new ApiError(400, "MISSING_ARG_TOPIC");
        }
        if (!Names.isValidTopicName(topic)) {
            throw new ApiError(400, "INVALID_ARG_TOPIC");
        }
        String channel = params.get("channel");
        if (channel == null) {
            throw new ApiError(400, "MISSING_ARG_CHANNEL");
        }
        if (!Names.isValidChannelName(channel)) {
            throw new ApiError(400, "INVALID_ARG_CHANNEL");
        }
        return new TopicChannelArgs(topic, channel);
    }
}
