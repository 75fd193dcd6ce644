package io.nsqj.tools.tail;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;

import java.io.IOException;
import java.time.Duration;

/**
 * One topic's handler: shows each message, then finishes it. With -n, the n-th message shown ends the tool
 * (as NSQ's handler counts per topic); what arrives after that is requeued at once, unseen, so stopping loses
 * nothing. Runs on its consumer's single handler thread, so the count needs no lock.
 */
final class TailHandler implements MessageHandler {
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
            message.requeueWithoutBackoff(Duration.ZERO);
            return;
        }
        try {
            output.show(topic, message.body());
        } catch (IOException e) {
            message.requeueWithoutBackoff(Duration.ZERO);
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
