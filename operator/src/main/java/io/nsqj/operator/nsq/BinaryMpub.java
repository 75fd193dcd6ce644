package io.nsqj.operator.nsq;

import java.nio.ByteBuffer;
import java.util.List;

/** nsqd's binary MPUB body: [count int32] then per message [size int32][body]. */
final class BinaryMpub {
    private BinaryMpub() {
    }

    static byte[] encode(List<byte[]> bodies) {
        int size = 4;
        for (byte[] b : bodies) {
            size += 4 + b.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(bodies.size());
        for (byte[] b : bodies) {
            buf.putInt(b.length).put(b);
        }
        return buf.array();
    }
}
