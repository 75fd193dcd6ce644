package io.nsqj.broker.storage;

import java.util.List;
import java.util.Objects;

/** A topic and its channels as persisted in nsqd.dat. */
public record TopicMetadata(String name, boolean paused, List<ChannelMetadata> channels) {

    public TopicMetadata {
        Objects.requireNonNull(name, "topic name");
        // nsqd writes "channels": null for a topic without channels.
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
