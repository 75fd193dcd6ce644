package io.nsqj.broker.tcp;

import io.nsqj.broker.core.OwnerLoop;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The commands of one read that must run on one topic's loop, run there in a single task. What they answer
 * is handed back to the connection's loop in a single task too, into the reply slots the commands took when
 * they were parsed: every answer, FIN's errors included, reaches the client in command order, as nsqd's.
 * When no command has anything to say (FINs that found their messages), the slots are marked done from the
 * topic's loop and no task goes back.
 */
final class LoopBatch {
    private static final System.Logger LOG = System.getLogger(LoopBatch.class.getName());

    /** A command's outcome: a frame to send (or none), and whether the connection closes after it. */
    record Answer(Buffer frame, boolean fatal) {
        static final Answer NONE = new Answer(null, false);
        /** A command that broke unexpectedly: its client is disconnected rather than left waiting. */
        static final Answer BROKEN = new Answer(null, true);
        /** The command completes its slot itself later (a publish waiting for its fsync); compared by identity. */
        static final Answer LATER = new Answer(null, false);

        static Answer reply(Buffer frame) {
            return new Answer(frame, false);
        }

        static Answer fatal(Buffer frame) {
            return new Answer(frame, true);
        }
    }

    private final List<ClientConnection.Reply> slots = new ArrayList<>();
    private final List<Supplier<Answer>> commands = new ArrayList<>();
    private boolean answers;

    /** Adds a command; {@code slot} is null for a command that never answers (RDY). */
    void add(ClientConnection.Reply slot, Supplier<Answer> command) {
        slots.add(slot);
        commands.add(command);
        answers |= slot != null;
    }

    private boolean allAnswerNothing(Answer[] outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            if (slots.get(i) != null && outcomes[i] != Answer.NONE) {
                return false;
            }
        }
        return true;
    }

    /** On the topic's loop: runs the commands in order, then fills their slots on the connection's loop. */
    void run(ClientConnection client, OwnerLoop clientLoop) {
        Answer[] outcomes = new Answer[commands.size()];
        for (int i = 0; i < outcomes.length; i++) {
            try {
                outcomes[i] = commands.get(i).get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "[" + client + "] command failed", e);
                outcomes[i] = Answer.BROKEN;
            }
        }
        if (!answers) {
            return;
        }
        if (allAnswerNothing(outcomes)) {
            // the common case of a consumer's FINs: no task back to the connection's loop
            for (ClientConnection.Reply slot : slots) {
                if (slot != null) {
                    slot.completeSilently();
                }
            }
            client.completedSilently(clientLoop);
            return;
        }
        clientLoop.run(() -> {
            for (int i = 0; i < outcomes.length; i++) {
                ClientConnection.Reply slot = slots.get(i);
                if (slot != null && outcomes[i] != Answer.LATER) {
                    slot.complete(outcomes[i].frame(), outcomes[i].fatal());
                }
            }
            client.drainReplies();
        });
    }
}
