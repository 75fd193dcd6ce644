package io.nsqj.tools.tail;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;

import java.io.IOException;
import java.time.Duration;

/**
 * One topic's handler: shows each message, then finishes it. With -n, the n-th message shown ends the tool
 * (as NSQ's handler counts per topic); what arrives after that goes back unseen, so stopping loses nothing.
 * Runs on its consumer's single handler thread, so the count needs no lock.
 */
final class TailHandler implements MessageHandler {
    /**
     * How long a message that arrives once the tool is done waits in the channel. Requeued at once, it would come
     * straight back while the consumer is still stopping, until the client gives up on it as attempted too
     * often; the requeue's backoff also sets RDY 0, so nsqd stops sending.
     */
    static final Duration GIVE_BACK_DELAY = Duration.ofSeconds(1);

    private final String topic;
    private final TailOutput output;
    private final long totalMessages;
    private final TailStop stop;
    private long shown;

    TailHandler(String topic, TailOutput output, long totalMessages, TailStop stop) {
        this.topic = topic;
        this.output = output;
        this.totalMessages = totalMessages;
        this.stop = stop;
    }

    @Override
    public void handle(Message message) {
        if (stop.isFinished() || (totalMessages > 0 && shown >= totalMessages)) {
            message.requeue(GIVE_BACK_DELAY);
            return;
        }
        try {
            output.show(topic, message.body());
        } catch (IOException e) {
            message.requeue(GIVE_BACK_DELAY);
            stop.fail("ERROR: failed to write to os.Stdout - " + e.getMessage());
            return;
        }
        shown++;
        if (totalMessages > 0 && shown >= totalMessages) {
            // answered here: the consumers' stop, which this starts, waits for every answer
            message.finish();
            stop.finish();
        }
    }
}
