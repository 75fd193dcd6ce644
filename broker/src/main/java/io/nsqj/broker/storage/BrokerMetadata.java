package io.nsqj.broker.storage;

import java.util.List;

/** The topics and channels a broker recreates on startup: the content of nsqd.dat. */
public record BrokerMetadata(List<TopicMetadata> topics, String version) {

    public BrokerMetadata {
        topics = topics == null ? List.of() : List.copyOf(topics);
        version = version == null ? "" : version;
    }

    /** What a broker without nsqd.dat starts from. */
    public static BrokerMetadata empty() {
        return new BrokerMetadata(List.of(), "");
    }
}
