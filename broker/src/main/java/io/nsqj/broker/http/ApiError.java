package io.nsqj.broker.http;

/** nsqd's http_api.Err: a status and the text that becomes {"message":...}. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String text) {
        super(text, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
