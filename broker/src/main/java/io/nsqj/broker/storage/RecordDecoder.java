package io.nsqj.broker.storage;

import java.nio.ByteBuffer;

/**
 * Turns a record's payload, where it lies in the disk queue's read buffer, into what the queue's owner keeps:
 * a record read back becomes a message in one copy, with no array of the whole record in between.
 */
@FunctionalInterface
public interface RecordDecoder<T> {
    /** {@code buffer}'s bytes from {@code offset} for {@code length}; valid only during the call. */
    T decode(ByteBuffer buffer, int offset, int length);
}
