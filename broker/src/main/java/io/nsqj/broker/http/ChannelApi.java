package io.nsqj.broker.http;

import io.nsqj.broker.core.Channel;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;

import java.util.concurrent.CompletionStage;

/** POST /channel/create, /channel/delete, /channel/empty, /channel/pause and /channel/unpause. */
final class ChannelApi {
    private final TopicLookup lookup;

    ChannelApi(TopicLookup lookup) {
        this.lookup = lookup;
    }

    CompletionStage<Reply> create(ApiRequest req) {
        TopicLookup.TopicAndChannel tc = lookup.existingWithChannel(req);
        return TopicRegistry.call(tc.topic(), t -> {
            try {
                t.getOrCreateChannel(tc.channel());
                return Reply.v1Empty();
            } catch (Exception e) {
                return Reply.v1Error(500, "INTERNAL_ERROR");
            }
        });
    }

    CompletionStage<Reply> delete(ApiRequest req) {
        TopicLookup.TopicAndChannel tc = lookup.existingWithChannel(req);
        return TopicRegistry.call(tc.topic(), t -> t.deleteChannel(tc.channel())
                ? Reply.v1Empty() : Reply.v1Error(404, "CHANNEL_NOT_FOUND"));
    }

    CompletionStage<Reply> empty(ApiRequest req) {
        TopicLookup.TopicAndChannel tc = lookup.existingWithChannel(req);
        return TopicRegistry.call(tc.topic(), t -> {
            Channel channel = t.channel(tc.channel());
            if (channel == null) {
                return Reply.v1Error(404, "CHANNEL_NOT_FOUND");
            }
            try {
                channel.empty();
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
        TopicLookup.TopicAndChannel tc = lookup.existingWithChannel(req);
        return TopicRegistry.call(tc.topic(), (Topic t) -> {
            Channel channel = t.channel(tc.channel());
            if (channel == null) {
                return Reply.v1Error(404, "CHANNEL_NOT_FOUND");
            }
            t.pauseChannel(channel, paused);
            return Reply.v1Empty();
        });
    }
}
