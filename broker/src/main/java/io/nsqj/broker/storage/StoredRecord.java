package io.nsqj.broker.storage;

import java.nio.ByteBuffer;

/**
 * A record read from a segment, where its payload lies in the reader's buffer (valid until the reader's next
 * read), with the position where the following record starts.
 */
record StoredRecord(ByteBuffer buffer, int offset, int length, long nextPosition) {
    /** The payload, copied out of the buffer. */
    byte[] payload() {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }
}
