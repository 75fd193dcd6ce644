package io.nsqj.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads protocol V2 frames ([size int32][type int32][data]) from a stream. A frame may arrive in any number
 * of reads; readFully waits for every byte it announces.
 */
final class FrameReader {
    /** Far above any message nsqd accepts (--max-msg-size), so only a corrupt stream reaches it. */
    private static final int MAX_FRAME_SIZE = 64 * 1024 * 1024;

    private final DataInputStream in;

    FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next frame; EOFException when the stream ends between frames or inside one. */
    Frame read() throws IOException {
        int size = in.readInt();
        if (size < 4 || size > MAX_FRAME_SIZE) {
            throw new IOException("invalid frame size " + size);
        }
        int type = in.readInt();
        byte[] data = new byte[size - 4];
        in.readFully(data);
        return new Frame(type, data);
    }
}
