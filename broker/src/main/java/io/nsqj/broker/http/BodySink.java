package io.nsqj.broker.http;

import io.vertx.core.buffer.Buffer;

/** Where a request body goes as it arrives; each route decides how much of it to keep. */
interface BodySink {
    /** Reads and drops the body: nsqd reads it (ReqParams) but never uses it. */
    BodySink DISCARD = chunk -> { };

    /**
     * The handler answers without reading the body (nsqd's checks of Content-Length). It is drained, unless
     * the client waits for "100 Continue": then, as net/http, no 100 is sent and the connection closes.
     */
    BodySink UNREAD = chunk -> { };

    void accept(Buffer chunk);
}
