package io.nsqj.broker.http;

import io.nsqj.protocol.http.ApiError;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * /mpub?binary=true: the MPUB wire body ([count int32] then count times [size int32][bytes]) read as it
 * arrives, with nsqd's readMPUB checks. The first failure is kept and the rest of the body dropped; bytes
 * after the last message are ignored, as in nsqd.
 */
final class BinaryMpubParser implements BodySink {
    private final long maxMsgSize;
    private final long maxBodySize;
    private final List<byte[]> messages = new ArrayList<>();
    private int header;
    private int headerBytes;
    private int count = -1;
    private byte[] current;
    private int filled;
    private String error;
    private boolean done;

    BinaryMpubParser(long maxMsgSize, long maxBodySize) {
        this.maxMsgSize = maxMsgSize;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void accept(Buffer chunk) {
        int pos = 0;
        int len = chunk.length();
        while (pos < len && !done && error == null) {
            if (current != null) {
                int n = Math.min(len - pos, current.length - filled);
                chunk.getBytes(pos, pos + n, current, filled);
                filled += n;
                pos += n;
                if (filled == current.length) {
                    messages.add(current);
                    current = null;
                    done = messages.size() == count;
                }
                continue;
            }
            header = header << 8 | (chunk.getByte(pos++) & 0xFF);
            if (++headerBytes == 4) {
                int value = header;
                header = 0;
                headerBytes = 0;
                if (count < 0) {
                    startMessages(value);
                } else {
                    startMessage(value);
                }
            }
        }
    }

    private void startMessages(int value) {
        long maxMessages = (maxBodySize - 4) / 5;
        if (value <= 0 || value > maxMessages) {
            error = "BAD_BODY";
            return;
        }
        count = value;
    }

    private void startMessage(int size) {
        if (size <= 0 || size > maxMsgSize) {
            error = "BAD_MESSAGE";
            return;
        }
        current = new byte[size];
        filled = 0;
    }

    /**
     * Once the body has ended: the messages, or nsqd's 413 code without its "E_" prefix
     * (BAD_BODY when the count is missing or invalid, BAD_MESSAGE for a bad or missing message).
     */
    List<byte[]> messages() {
        if (error != null) {
            throw new ApiError(413, error);
        }
        if (count < 0) {
            throw new ApiError(413, "BAD_BODY");
        }
        if (messages.size() < count) {
            throw new ApiError(413, "BAD_MESSAGE");
        }
        return messages;
    }
}
