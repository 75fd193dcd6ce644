package io.nsqj.lookupd.http;

/**
 * One endpoint. {@code plainText} answers are nsqlookupd's PlainText decorator (/ping); the others are its V1
 * decorator: JSON, with the X-NSQ-Content-Type header.
 */
record Route(String method, String path, ApiHandler handler, boolean plainText) {
}
