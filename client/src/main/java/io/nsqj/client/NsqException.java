package io.nsqj.client;

/** A failure talking to nsqd: the connection could not be made, was lost, or the client was closed. */
public class NsqException extends RuntimeException {

    public NsqException(String message) {
        super(message);
    }

    public NsqException(String message, Throwable cause) {
        super(message, cause);
    }
}
