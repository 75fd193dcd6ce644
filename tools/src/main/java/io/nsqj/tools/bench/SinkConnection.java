package io.nsqj.tools.bench;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One connection to bench_sink (on its event loop): skips the V2 magic, then reads command lines; a command
 * with a body (IDENTIFY, PUB, MPUB, DPUB) has it skipped unread and is answered OK, others get no answer. The
 * answers to one read go out in one write.
 */
final class SinkConnection implements Handler<Buffer> {
    private static final byte[] OK = {0, 0, 0, 6, 0, 0, 0, 0, 'O', 'K'};
    private static final int MAX_LINE = 1024;

    private enum State { MAGIC, LINE, SIZE, BODY }

    private final NetSocket socket;
    private final byte[] line = new byte[MAX_LINE];
    private State state = State.MAGIC;
    /** bytes still to skip (MAGIC, BODY) or read (SIZE), or the line's length so far (LINE) */
    private long pending = 4;
    private int size;

    SinkConnection(NetSocket socket) {
        this.socket = socket;
    }

    @Override
    public void handle(Buffer chunk) {
        int answers = 0;
        int i = 0;
        int n = chunk.length();
        while (i < n) {
            switch (state) {
                case MAGIC, BODY -> {
                    int skip = (int) Math.min(pending, n - i);
                    i += skip;
                    pending -= skip;
                    if (pending == 0) {
                        if (state == State.BODY) {
                            answers++;
                        }
                        state = State.LINE;
                    }
                }
                case LINE -> {
                    byte b = chunk.getByte(i++);
                    if (b == '\n') {
                        int length = (int) pending;
                        pending = 0;
                        if (hasBody(length)) {
                            state = State.SIZE;
                            size = 0;
                            pending = 4;
                        }
                    } else if (pending < MAX_LINE) {
                        line[(int) pending++] = b;
                    } else {
                        socket.close();
                        return;
                    }
                }
                case SIZE -> {
                    size = (size << 8) | (chunk.getByte(i++) & 0xff);
                    if (--pending == 0) {
                        state = State.BODY;
                        pending = size;
                        if (pending == 0) {
                            answers++;
                            state = State.LINE;
                        }
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (answers > 0) {
            Buffer out = Buffer.buffer(answers * OK.length);
            for (int a = 0; a < answers; a++) {
                out.appendBytes(OK);
            }
            socket.write(out);
        }
    }

    private boolean hasBody(int length) {
        return startsWith(length, "PUB ") || startsWith(length, "MPUB ") || startsWith(length, "DPUB ")
                || startsWith(length, "IDENTIFY");
    }

    private boolean startsWith(int length, String command) {
        if (length < command.length()) {
            return false;
        }
        for (int k = 0; k < command.length(); k++) {
            if (line[k] != command.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
