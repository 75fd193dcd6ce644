package io.nsqj.broker.http;

import io.vertx.core.buffer.Buffer;

/**
 * Keeps the first {@code limit} bytes of a body and drops the rest, as nsqd's io.LimitReader(body, max+1):
 * a handler sees at most {@code limit} bytes and tells "too big" from {@code bytes().length == limit}.
 */
final class BoundedBody implements BodySink {
    private final int limit;
    private final Buffer kept = Buffer.buffer();

    BoundedBody(long limit) {
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 8);
    }

    @Override
    public void accept(Buffer chunk) {
        int room = limit - kept.length();
        if (room <= 0) {
            return;
        }
        kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
    }

    int length() {
        return kept.length();
    }

    byte[] bytes() {
        return kept.getBytes();
    }
}
