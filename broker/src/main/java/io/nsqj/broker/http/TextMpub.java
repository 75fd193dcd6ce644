package io.nsqj.broker.http;

import io.nsqj.protocol.http.ApiError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * /mpub's default body: one message per line, checked line by line in nsqd's order. Empty lines are
 * skipped; a line over max-msg-size is MSG_TOO_BIG; reaching {@code readMax} bytes (max-body-size + 1, the
 * most {@link BoundedBody} keeps) is BODY_TOO_BIG.
 */
final class TextMpub {
    private TextMpub() {
    }

    static List<byte[]> split(byte[] data, long readMax, long maxMsgSize) {
        List<byte[]> messages = new ArrayList<>();
        long total = 0;
        int pos = 0;
        boolean last = false;
        while (!last) {
            int end = indexOf(data, (byte) '\n', pos);
            int blockEnd;
            if (end < 0) {
                blockEnd = data.length;
                last = true;
            } else {
                blockEnd = end + 1;
            }
            total += blockEnd - pos;
            if (total == readMax) {
                throw new ApiError(413, "BODY_TOO_BIG");
            }
            int msgEnd = end < 0 ? blockEnd : end;
            int start = pos;
            pos = blockEnd;
            if (msgEnd == start) {
                continue;
            }
            if (msgEnd - start > maxMsgSize) {
                throw new ApiError(413, "MSG_TOO_BIG");
            }
            messages.add(Arrays.copyOfRange(data, start, msgEnd));
        }
        return messages;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
