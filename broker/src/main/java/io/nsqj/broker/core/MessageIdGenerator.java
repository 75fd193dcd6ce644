package io.nsqj.broker.core;

/**
 * Ids as nsqd's guid: milliseconds since nsqd's epoch, node id and a sequence, so ids stay unique across
 * restarts and nodes. One per topic, used on the topic's loop only.
 */
public final class MessageIdGenerator {
    private static final long TWEPOCH = 1288834974288L;
    private static final int SEQUENCE_BITS = 12;
    private static final int NODE_BITS = 10;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final long nodeId;
    private long lastTimestamp;
    private long sequence;

    public MessageIdGenerator(long nodeId) {
        if (nodeId < 0 || nodeId >= (1L << NODE_BITS)) {
            throw new IllegalArgumentException("--node-id must be [0,1024)");
        }
        this.nodeId = nodeId;
    }

    public long next() {
        long ts = Math.max(System.currentTimeMillis(), lastTimestamp);
        if (ts == lastTimestamp) {
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                // more than 4096 ids in one millisecond: borrow the next millisecond rather than fail
                ts = lastTimestamp + 1;
            }
        } else {
            sequence = 0;
        }
        lastTimestamp = ts;
        return ((ts - TWEPOCH) << (SEQUENCE_BITS + NODE_BITS)) | (nodeId << SEQUENCE_BITS) | sequence;
    }
}
