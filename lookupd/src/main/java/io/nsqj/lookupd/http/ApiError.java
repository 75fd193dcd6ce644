package io.nsqj.lookupd.http;

/** An HTTP error answer: the status and nsqlookupd's message ("MISSING_ARG_TOPIC"), sent as {"message":...}. */
public final class ApiError extends Exception {
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
