package io.nsqj.tools.tonsq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits to_nsq's input on its one-byte -delimiter. The delimiter is not part of a message; the last piece,
 * when the input does not end with a delimiter, is a message too.
 */
final class DelimitedReader {
    private final InputStream in;
    private final int delimiter;
    private final ByteArrayOutputStream piece = new ByteArrayOutputStream();
    private boolean ended;

    /** {@code in} should be buffered: it is read a byte at a time. */
    DelimitedReader(InputStream in, byte delimiter) {
        this.in = in;
        this.delimiter = delimiter & 0xff;
    }

    /** The next piece (possibly empty), or null at the end of the input. */
    byte[] next() throws IOException {
        if (ended) {
            return null;
        }
        piece.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == delimiter) {
                return piece.toByteArray();
            }
            piece.write(b);
        }
        ended = true;
        return piece.size() > 0 ? piece.toByteArray() : null;
    }
}
