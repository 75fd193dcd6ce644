package io.nsqj.broker.storage;

import java.util.Objects;

/** A channel as persisted in nsqd.dat. */
public record ChannelMetadata(String name, boolean paused) {

    public ChannelMetadata {
        Objects.requireNonNull(name, "channel name");
    }
}
