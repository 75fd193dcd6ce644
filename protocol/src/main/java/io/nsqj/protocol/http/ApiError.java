package io.nsqj.protocol.http;

import io.nsqj.protocol.GoJson;

/**
 * NSQ's http_api.Err: a status and the text both daemons' V1 decorator sends as {"message":...}. Handlers throw
 * it to answer, so it carries no stack trace.
 */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String text) {
        super(text, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The body RespondV1 writes for it: the text marshalled as struct{Message string `json:"message"`}. */
    public String json() {
        return new GoJson().beginObject().name("message").value(getMessage()).endObject().toString();
    }
}
