package io.nsqj.lookupd.tcp;

import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.ErrorCodes;
import io.nsqj.protocol.LookupV1;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One TCP connection: reads the 4-byte magic, then newline-terminated commands (IDENTIFY followed by a
 * size-prefixed body) as they arrive in any chunking, and writes size-prefixed answers.
 *
 * <p>Command lines are decoded as ISO-8859-1 so that each byte stays one char: an error echoes a bad topic name
 * back byte-for-byte as nsqlookupd does, and non-ASCII bytes fail name validation as they should.
 *
 * <p>Thread-safety: all calls come from the socket's event loop.
 */
final class LookupConnection {
    private static final System.Logger LOG = System.getLogger(LookupConnection.class.getName());
    private static final int SIZE_LENGTH = 4;

    private enum Expecting { MAGIC, COMMAND, IDENTIFY_SIZE, IDENTIFY_BODY, NOTHING }

    private final NetSocket socket;
    private final String remoteAddress;
    private final LookupProtocolV1 protocol;
    private Buffer pending = Buffer.buffer();
    private Expecting expecting = Expecting.MAGIC;
    private int identifyBodySize;
    /** Where the unread part of {@code pending} starts while a chunk is being handled. */
    private int offset;

    LookupConnection(NetSocket socket, String remoteAddress, RegistrationDB db, Supplier<ServerIdentity> server) {
        this.socket = socket;
        this.remoteAddress = remoteAddress;
        this.protocol = new LookupProtocolV1(db, server, remoteAddress);
    }

    void handle(Buffer data) {
        if (expecting == Expecting.NOTHING) {
            return;
        }
        pending.appendBuffer(data);
        offset = 0;
        boolean progressed = true;
        while (progressed && expecting != Expecting.NOTHING) {
            progressed = step();
        }
        pending = expecting == Expecting.NOTHING ? Buffer.buffer() : pending.getBuffer(offset, pending.length());
    }

    /** Handles one unit of input at {@code offset}; false when more input is needed first. */
    private boolean step() {
        int available = pending.length() - offset;
        switch (expecting) {
            case MAGIC -> {
                if (available < LookupV1.MAGIC_LENGTH) {
                    return false;
                }
                String magic = take(LookupV1.MAGIC_LENGTH).toString(StandardCharsets.ISO_8859_1);
                if (magic.equals(LookupV1.MAGIC)) {
                    expecting = Expecting.COMMAND;
                } else {
                    LOG.log(System.Logger.Level.ERROR, "client(" + remoteAddress + ") bad protocol magic '" + magic + "'");
                    fail(ErrorCodes.E_BAD_PROTOCOL);
                }
                return true;
            }
            case COMMAND -> {
                int newline = indexOfNewline();
                if (newline < 0) {
                    return false;
                }
                String line = take(newline - offset).toString(StandardCharsets.ISO_8859_1);
                offset++;
                command(line);
                return true;
            }
            case IDENTIFY_SIZE -> {
                if (available < SIZE_LENGTH) {
                    return false;
                }
                identifyBodySize = take(SIZE_LENGTH).getInt(0);
                if (identifyBodySize < 0) {
                    // Go would fail allocating a negative-sized body; nothing sensible can follow it
                    fail(ClientError.fatal(ErrorCodes.E_BAD_BODY, "IDENTIFY failed to read body"));
                } else {
                    expecting = Expecting.IDENTIFY_BODY;
                }
                return true;
            }
            case IDENTIFY_BODY -> {
                if (available < identifyBodySize) {
                    return false;
                }
                byte[] body = take(identifyBodySize).getBytes();
                expecting = Expecting.COMMAND;
                try {
                    respond(protocol.identify(body));
                } catch (ClientError e) {
                    fail(e);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private Buffer take(int length) {
        Buffer taken = pending.getBuffer(offset, offset + length);
        offset += length;
        return taken;
    }

    private void command(String line) {
        List<String> params = Arrays.asList(trimSpace(line).split(" ", -1));
        try {
            if (params.get(0).equals(LookupV1.IDENTIFY)) {
                protocol.checkCanIdentify();
                expecting = Expecting.IDENTIFY_SIZE;
            } else {
                respond(protocol.execute(params));
            }
        } catch (ClientError e) {
            fail(e);
        }
    }

    private int indexOfNewline() {
        for (int i = offset; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Go's strings.TrimSpace for the ASCII whitespace a command line can carry ("\r\n" endings, stray blanks). */
    private static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private void respond(byte[] data) {
        socket.write(LookupV1.response(data));
    }

    private void fail(ClientError error) {
        LOG.log(System.Logger.Level.ERROR, "[" + remoteAddress + "] - " + error.getMessage());
        fail(error.getMessage());
    }

    /** Answers the error and closes, as nsqlookupd does for every error it sends. */
    private void fail(String text) {
        expecting = Expecting.NOTHING;
        socket.write(LookupV1.response(text.getBytes(StandardCharsets.ISO_8859_1)));
        socket.close();
    }

    void closed() {
        LOG.log(System.Logger.Level.INFO, "PROTOCOL(V1): [" + remoteAddress + "] exiting ioloop");
        protocol.connectionClosed();
    }
}
