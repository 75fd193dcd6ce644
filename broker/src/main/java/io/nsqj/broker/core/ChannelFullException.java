package io.nsqj.broker.core;

/** SUB refused: --max-channel-consumers reached. */
public final class ChannelFullException extends Exception {
    public ChannelFullException(String message) {
        super(message);
    }
}
