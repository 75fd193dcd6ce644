package io.nsqj.operator.resources;

/** The spec asks for something that cannot be built; the status says why and nothing is changed. */
public final class InvalidSpecException extends RuntimeException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
