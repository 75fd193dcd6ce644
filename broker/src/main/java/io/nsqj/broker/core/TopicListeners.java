package io.nsqj.broker.core;

import java.util.List;

/** Several listeners told of the same changes, in order. */
public final class TopicListeners implements TopicListener {
    private final List<TopicListener> listeners;

    private TopicListeners(List<TopicListener> listeners) {
        this.listeners = listeners;
    }

    public static TopicListener of(TopicListener... listeners) {
        return new TopicListeners(List.of(listeners));
    }

    @Override
    public void topicCreated(Topic topic) {
        listeners.forEach(l -> l.topicCreated(topic));
    }

    @Override
    public void channelCreated(Topic topic, Channel channel) {
        listeners.forEach(l -> l.channelCreated(topic, channel));
    }

    @Override
    public void channelDeleted(Topic topic, Channel channel) {
        listeners.forEach(l -> l.channelDeleted(topic, channel));
    }

    @Override
    public void topicDeleted(Topic topic) {
        listeners.forEach(l -> l.topicDeleted(topic));
    }

    @Override
    public void metadataChanged() {
        listeners.forEach(TopicListener::metadataChanged);
    }
}
