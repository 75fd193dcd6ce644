package io.nsqj.lookupd.http;

/** An endpoint: the raw query string in, the answer's body (see {@link LookupHttpApi}) out. */
@FunctionalInterface
interface ApiHandler {
    String handle(String rawQuery) throws ApiError;
}
