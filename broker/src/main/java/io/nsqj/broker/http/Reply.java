package io.nsqj.broker.http;

import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.RouterRedirect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP answer, shaped as nsqd's decorators shape it: V1 (X-NSQ-Content-Type, JSON errors as
 * {"message":...}), PlainText, or what httprouter and net/http produce themselves (redirects, OPTIONS, 400).
 *
 * @param headers headers the handler sets; {@link ReplyWriter} adds Date, Content-Length and, when
 *                {@code sniff} is set and no Content-Type was given, the type net/http would detect
 * @param close   whether the connection closes after this answer (announced with Connection: close)
 */
record Reply(int status, List<Header> headers, byte[] body, boolean sniff, boolean close) {
    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Header NSQ_V1 = new Header("X-Nsq-Content-Type", "nsq; version=1.0");

    record Header(String name, String value) {
    }

    /** The same answer on a connection that closes afterwards. */
    Reply closing() {
        return new Reply(status, headers, body, sniff, true);
    }

    /** A V1 answer whose data is a Go string: written as is, its type sniffed. */
    static Reply v1Text(String text) {
        return new Reply(200, List.of(NSQ_V1), text.getBytes(StandardCharsets.UTF_8), true, false);
    }

    /** A V1 answer with no data (nil): 200 and an empty body. */
    static Reply v1Empty() {
        return new Reply(200, List.of(NSQ_V1), new byte[0], true, false);
    }

    /** A V1 answer whose data is marshalled to JSON. */
    static Reply v1Json(String json) {
        return new Reply(200, List.of(new Header("Content-Type", JSON_TYPE), NSQ_V1),
                json.getBytes(StandardCharsets.UTF_8), false, false);
    }

    static Reply v1Error(int status, String message) {
        return v1Error(new ApiError(status, message));
    }

    static Reply v1Error(ApiError e) {
        return new Reply(e.status(), List.of(new Header("Content-Type", JSON_TYPE), NSQ_V1),
                e.json().getBytes(StandardCharsets.UTF_8), false, false);
    }

    /** nsqd's refusal of plain HTTP under --tls-required=true, spelled as its Sprintf spells it. */
    static Reply tlsRequired(int httpsPort) {
        return new Reply(403, List.of(NSQ_V1, new Header("Content-Type", JSON_TYPE)),
                ("{\"message\": \"TLS_REQUIRED\", \"https_port\": " + httpsPort + "}").getBytes(StandardCharsets.UTF_8),
                false, false);
    }

    /** httprouter's 405, through nsqd's MethodNotAllowed handler, with the Allow header httprouter sets. */
    static Reply methodNotAllowed(String allow) {
        Reply r = v1Error(405, "METHOD_NOT_ALLOWED");
        List<Header> headers = new ArrayList<>(r.headers());
        headers.add(0, new Header("Allow", allow));
        return new Reply(405, headers, r.body(), false, false);
    }

    /** httprouter's automatic answer to OPTIONS on a known path. */
    static Reply options(String allow) {
        return new Reply(200, List.of(new Header("Allow", allow)), new byte[0], false, false);
    }

    /** A status with no header and no body, as net/http's own answer to OPTIONS *. */
    static Reply bare(int status) {
        return new Reply(status, List.of(), new byte[0], false, false);
    }

    /** nsqd's PlainText decorator: the text as body, no NSQ header. */
    static Reply plainText(int status, String text) {
        return new Reply(status, List.of(), text.getBytes(StandardCharsets.UTF_8), true, false);
    }

    /** httprouter's redirect, as net/http's http.Redirect writes it. */
    static Reply redirect(RouterRedirect redirect) {
        List<Header> headers = new ArrayList<>();
        if (redirect.contentType() != null) {
            headers.add(new Header("Content-Type", redirect.contentType()));
        }
        headers.add(new Header("Location", redirect.location()));
        return new Reply(redirect.status(), headers, redirect.body().getBytes(StandardCharsets.UTF_8), false, false);
    }

    /** What net/http answers itself to a request it cannot parse, before any handler. */
    static Reply malformedRequest() {
        return new Reply(400, List.of(new Header("Content-Type", "text/plain; charset=utf-8")),
                "400 Bad Request".getBytes(StandardCharsets.UTF_8), false, true);
    }
}
