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
        // the two budgets of each loop's LoopMemory, in bytes
        long memQueueBytesPerLoop,
        long inFlightBytesPerLoop,
        long deferredBytesPerLoop) {
}
