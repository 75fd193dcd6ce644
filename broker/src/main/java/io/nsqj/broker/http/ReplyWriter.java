package io.nsqj.broker.http;

import io.nsqj.protocol.http.HttpDate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Comparator;
import java.util.List;

/**
 * Writes a {@link Reply} with the headers in the order Go's net/http writes them: the handler's headers
 * sorted by name, then Date, Content-Length, a sniffed Content-Type and Connection.
 */
final class ReplyWriter {
    private ReplyWriter() {
    }

    static void write(HttpServerRequest request, Reply reply) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status());
        boolean hasType = false;
        List<Reply.Header> headers = reply.headers().stream()
                .sorted(Comparator.comparing(Reply.Header::name)).toList();
        for (Reply.Header h : headers) {
            response.putHeader(h.name(), h.value());
            hasType |= h.name().equals("Content-Type");
        }
        response.putHeader("Date", HttpDate.now());
        response.putHeader("Content-Length", Integer.toString(reply.body().length));
        if (reply.sniff() && !hasType && reply.body().length > 0) {
            response.putHeader("Content-Type", ContentSniffer.detect(reply.body()));
        }
        if (reply.close()) {
            response.putHeader("Connection", "close");
            response.end(Buffer.buffer(reply.body())).onComplete(v -> request.connection().close());
        } else {
            response.end(Buffer.buffer(reply.body()));
        }
    }
}
