package io.nsqj.lookupd.http;

/**
 * An endpoint: the raw query string in, the answer's body (see {@link LookupHttpApi}) out; an
 * {@link io.nsqj.protocol.http.ApiError} it throws is answered as nsqlookupd's error.
 */
@FunctionalInterface
interface ApiHandler {
    String handle(String rawQuery);
}
