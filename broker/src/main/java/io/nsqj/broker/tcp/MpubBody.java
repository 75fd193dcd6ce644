package io.nsqj.broker.tcp;

import io.nsqj.protocol.ClientError;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

import static io.nsqj.protocol.ErrorCodes.E_BAD_BODY;
import static io.nsqj.protocol.ErrorCodes.E_BAD_MESSAGE;

/** MPUB's body: [count int32] then count times [size int32][bytes], checked as nsqd's readMPUB. */
final class MpubBody {
    private MpubBody() {
    }

    static List<byte[]> read(Buffer in, int start, int length, int maxMsgSize, int maxBodySize) throws ClientError {
        int end = start + length;
        if (length < 4) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB failed to read message count");
        }
        int count = in.getInt(start);
        int maxMessages = (maxBodySize - 4) / 5;
        if (count <= 0 || count > maxMessages) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB invalid message count " + count);
        }
        List<byte[]> bodies = new ArrayList<>(count);
        int pos = start + 4;
        for (int i = 0; i < count; i++) {
            if (end - pos < 4) {
                throw ClientError.fatal(E_BAD_MESSAGE, "MPUB failed to read message(" + i + ") body size");
            }
            int size = in.getInt(pos);
            pos += 4;
            if (size <= 0) {
                throw ClientError.fatal(E_BAD_MESSAGE, "MPUB invalid message(" + i + ") body size " + size);
            }
            if (size > maxMsgSize) {
                throw ClientError.fatal(E_BAD_MESSAGE, "MPUB message too big " + size + " > " + maxMsgSize);
            }
            if (end - pos < size) {
                throw ClientError.fatal(E_BAD_MESSAGE, "MPUB failed to read message body");
            }
            bodies.add(in.getBytes(pos, pos + size));
            pos += size;
        }
        return bodies;
    }
}
