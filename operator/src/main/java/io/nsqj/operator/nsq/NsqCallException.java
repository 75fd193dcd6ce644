package io.nsqj.operator.nsq;

/** An nsqd or lookupd did not answer, or answered with an error: retried at the next reconcile. */
public final class NsqCallException extends RuntimeException {
    public NsqCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
