package io.nsqj.broker.http;

import io.vertx.core.buffer.Buffer;

/** Where a request body goes as it arrives; each route decides how much of it to keep. */
interface BodySink {
    /** Reads and drops the body: nsqd reads it (ReqParams) but never uses it. */
    BodySink DISCARD = chunk -> { };

    void accept(Buffer chunk);
}
