package io.nsqj.client;

/**
 * Handles one message. Returning finishes it (FIN) unless the handler already answered it or disabled the
 * automatic answer; throwing requeues it (REQ) with a delay growing with its attempts, and makes the
 * consumer back off.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(Message message) throws Exception;
}
