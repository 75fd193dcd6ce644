package io.nsqj.lookupd.http;

/** An endpoint: the raw query string in, the answer (see {@link LookupHttpApi}) out. */
@FunctionalInterface
interface ApiHandler {
    Object handle(String rawQuery) throws ApiError;
}
