package io.nsqj.tools.tail;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where nsq_tail writes what it shows: each message's body and a newline on stdout, after
 * {@code "<topic> | "} with -print-topic. Every topic's consumer writes here; a lock keeps one message's
 * bytes together, and each is flushed before the message is finished so a FIN'd message is on stdout.
 */
final class TailOutput {
    private static final byte[] SEPARATOR = " | ".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final boolean printTopic;

    TailOutput(OutputStream out, boolean printTopic) {
        this.out = out;
        this.printTopic = printTopic;
    }

    static TailOutput stdout(boolean printTopic) {
        return new TailOutput(new FileOutputStream(FileDescriptor.out), printTopic);
    }

    synchronized void show(String topic, byte[] body) throws IOException {
        // one write per message: the pieces are joined first so a reader never sees half a line
        byte[] topicBytes = printTopic ? topic.getBytes(StandardCharsets.UTF_8) : new byte[0];
        int prefix = printTopic ? topicBytes.length + SEPARATOR.length : 0;
        byte[] line = new byte[prefix + body.length + 1];
        if (printTopic) {
            System.arraycopy(topicBytes, 0, line, 0, topicBytes.length);
            System.arraycopy(SEPARATOR, 0, line, topicBytes.length, SEPARATOR.length);
        }
        System.arraycopy(body, 0, line, prefix, body.length);
        line[line.length - 1] = '\n';
        out.write(line);
        out.flush();
    }
}
