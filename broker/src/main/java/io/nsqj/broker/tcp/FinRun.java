package io.nsqj.broker.tcp;

import io.nsqj.broker.core.Subscription;
import io.nsqj.broker.tcp.LoopBatch.Answer;
import io.nsqj.protocol.MessageId;
import io.vertx.core.buffer.Buffer;

import java.util.Arrays;
import java.util.function.Supplier;

import static io.nsqj.protocol.ErrorCodes.E_FIN_FAILED;

/**
 * FINs that follow one another in a read, run on the channel's loop as one command with one reply slot: a
 * consumer sends one per message, and this way none of them costs an object. The slot holds the run's
 * errors, each nsqd's E_FIN_FAILED, in the order of the FINs; a run breaks at any other command, so that
 * every answer still comes in command order.
 */
final class FinRun implements Supplier<Answer> {
    private final ClientConnection client;
    private long[] ids = new long[16];
    private int count;

    FinRun(ClientConnection client) {
        this.client = client;
    }

    /** On the connection's loop, before the run is handed to the channel's loop. */
    void add(long id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, 2 * count);
        }
        ids[count++] = id;
    }

    /** On the channel's loop. */
    @Override
    public Answer get() {
        Subscription s = client.subscription;
        if (s == null) {
            // the channel went away: as for a single FIN, nothing to answer
            return Answer.NONE;
        }
        Buffer errors = null;
        for (int i = 0; i < count; i++) {
            String error = s.channel().finish(s, ids[i]);
            if (error != null) {
                if (errors == null) {
                    errors = Buffer.buffer();
                }
                // only ids that parsed make a run, so their bytes are the id's own spelling
                errors.appendBuffer(SubscribeCommands.failure(E_FIN_FAILED, "FIN", MessageId.toBytes(ids[i]), error));
            }
        }
        return errors == null ? Answer.NONE : Answer.reply(errors);
    }
}
