package io.nsqj.broker.core;

import java.nio.file.Path;

/** What topics and channels need to know of the broker's configuration, given to them when made. */
public record TopicOptions(
        Path dataPath,
        long nodeId,
        int memQueueSize,
        long maxBytesPerFile,
        int maxMsgSize,
        long syncEvery,
        long syncTimeoutMillis,
        long msgTimeoutMillis,
        long maxMsgTimeoutMillis,
        int maxChannelConsumers,
        SyncMode syncMode,
        /** What the memory queues of one loop's topics may hold together, in bytes (see {@link MemoryBudget}). */
        long memQueueBytesPerLoop) {
}
