package io.nsqj.broker.core;

/**
 * Told when the set of topics and channels changes (metadata persistence, lookupd registration).
 * Called on the topic's loop: implementations must not block.
 */
public interface TopicListener {
    void topicCreated(Topic topic);

    void channelCreated(Topic topic, Channel channel);

    void channelDeleted(Topic topic, Channel channel);

    void topicDeleted(Topic topic);

    /** Paused state changed or anything else that the metadata file records. */
    void metadataChanged();
}
