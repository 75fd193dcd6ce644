package io.nsqj.broker.tcp;

import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.tcp.LoopBatch.Answer;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static io.nsqj.protocol.ErrorCodes.*;

/**
 * Protocol V2, bytes to calls: parses commands as they arrive and turns each into a call on a topic or
 * channel, answering with nsqd's exact frames and errors. One per connection, on the connection's loop.
 * Calls on topics are collected per read and handed to each topic's loop in one task.
 */
final class ProtocolV2 {
    private static final System.Logger LOG = System.getLogger(ProtocolV2.class.getName());
    private static final byte[] MAGIC_V2 = "  V2".getBytes(StandardCharsets.US_ASCII);
    /** nsqd reads commands with a 16 KiB buffer; a longer line fails the connection. */
    private static final int MAX_LINE = 16 * 1024;
    /** Bodies up to this size get their whole room at once while they arrive (MPUB batches are ~40 KiB). */
    private static final int PRESIZE_LIMIT = 256 * 1024;
    private static final String[] COMMANDS = {
            "FIN", "RDY", "REQ", "PUB", "MPUB", "DPUB", "NOP", "TOUCH", "SUB", "CLS", "AUTH", "IDENTIFY"};
    private static final byte[][] COMMAND_BYTES = Arrays.stream(COMMANDS)
            .map(c -> c.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    static final int STATE_INIT = 0;
    static final int STATE_SUBSCRIBED = 3;
    static final int STATE_CLOSING = 4;

    final ClientConnection client;
    final ProtocolLimits limits;
    final OwnerLoop clientLoop;
    final NegotiableFeatures features;
    final AuthCommands auth;
    private final TopicRegistry topics;
    private final IdentifyCommand identify;
    private final PublishCommands publish;
    private final SubscribeCommands subscribe;
    private final Map<OwnerLoop, LoopBatch> batched = new IdentityHashMap<>();
    private OwnerLoop lastLoop;
    private LoopBatch lastBatch;
    /** {@link #pending}'s bytes while it is parsed. */
    private ByteBuf raw;
    /** The command line being split, copied in one go; grows to the longest line seen (at most 16 KiB). */
    private byte[] line = new byte[64];
    /** Input not yet parsed; the commands read their bodies from it. */
    Buffer pending = Buffer.buffer();
    private boolean magicRead;
    /** Where in {@link #pending} the command waiting for the rest of its body ends; 0 when none waits. */
    private int awaitedEnd;
    /** {@link #pending} was made with room for {@link #awaitedEnd}. */
    private boolean presized;
    boolean failed;
    int state = STATE_INIT;
    /** While an auth server is asked, later commands wait unparsed: they may depend on its answer. */
    boolean awaitingAuth;

    ProtocolV2(ClientConnection client, TopicRegistry topics, ProtocolLimits limits, OwnerLoop clientLoop,
               String version, NegotiableFeatures features) {
        this.client = client;
        this.topics = topics;
        this.limits = limits;
        this.clientLoop = clientLoop;
        this.features = features;
        this.auth = new AuthCommands(this);
        this.identify = new IdentifyCommand(this, version);
        this.publish = new PublishCommands(this);
        this.subscribe = new SubscribeCommands(this);
    }

    /**
     * {@link #handle} of bytes valid only during the call (the socket's own buffer, released afterwards): what
     * the protocol keeps of them for the next read is copied.
     */
    void handleBorrowed(Buffer chunk) {
        handle(chunk);
        if (pending == chunk) {
            pending = Buffer.buffer(chunk.length()).appendBuffer(chunk);
        }
    }

    void handle(Buffer chunk) {
        if (failed) {
            return;
        }
        client.readHappened();
        // replies the topics' loops completed silently since the last read leave the queue
        client.drainReplies();
        if (pending.length() == 0) {
            pending = chunk;
            presized = false;
        } else {
            pending.appendBuffer(chunk);
        }
        if (!awaitingAuth) {
            parsePending();
        }
    }

    void parsePending() {
        int pos = 0;
        awaitedEnd = 0;
        raw = pending.getByteBuf();
        try {
            while (!failed && !awaitingAuth) {
                int used = parse(pos);
                if (used == 0) {
                    break;
                }
                pos += used;
            }
        } finally {
            raw = null;
            handOverBatches();
        }
        if (failed) {
            pending = Buffer.buffer();
            presized = false;
        } else if (awaitedEnd > pending.length() && awaitedEnd - pos <= PRESIZE_LIMIT && (pos > 0 || !presized)) {
            // a body still arriving: room for all of it now, rather than regrowing with every read; only for
            // a modest one, so that a body announced but never sent does not take its size in memory
            Buffer rest = Buffer.buffer(awaitedEnd - pos);
            rest.appendBuffer(pending, pos, pending.length() - pos);
            pending = rest;
            presized = true;
        } else if (pos > 0) {
            pending = pos == pending.length() ? Buffer.buffer() : pending.getBuffer(pos, pending.length());
            presized = false;
        }
    }

    /** Tries one command at {@code pos}; returns the bytes it used, 0 when more input is needed. */
    private int parse(int pos) {
        int available = pending.length() - pos;
        if (!magicRead) {
            if (available < 4) {
                return 0;
            }
            for (int i = 0; i < 4; i++) {
                if (pending.getByte(pos + i) != MAGIC_V2[i]) {
                    failed = true;
                    client.fatal(Frames.error("E_BAD_PROTOCOL"));
                    return 4;
                }
            }
            magicRead = true;
            return 4;
        }
        int limit = Math.min(pending.length(), pos + MAX_LINE);
        int eol = raw.indexOf(pos, limit, (byte) '\n');
        if (eol < 0) {
            if (available >= MAX_LINE) {
                LOG.log(System.Logger.Level.WARNING, "[" + client + "] command line too long, closing");
                failed = true;
                client.closeAfterWrites();
            }
            return 0;
        }
        int end = eol;
        if (end > pos && pending.getByte(end - 1) == '\r') {
            end--;
        }
        int lineLength = eol + 1 - pos;
        try {
            if (subscribe.tryFin(raw, pos, end - pos)) {
                return lineLength;
            }
            subscribe.endFinRun();
            int bodyUsed = execute(split(raw, pos, end), eol + 1);
            if (bodyUsed < 0) {
                return 0;
            }
            return lineLength + bodyUsed;
        } catch (ClientError e) {
            LOG.log(System.Logger.Level.DEBUG, "[" + client + "] " + e.getMessage());
            if (e.isFatal()) {
                failed = true;
                client.fatal(Frames.error(e.getMessage()));
            } else {
                client.reply(Frames.error(e.getMessage()));
            }
            return lineLength;
        }
    }

    /** The line's parameters, split at each space as nsqd does (two spaces make an empty one). */
    private byte[][] split(ByteBuf in, int from, int to) {
        int length = to - from;
        if (line.length < length) {
            line = new byte[Math.max(length, 2 * line.length)];
        }
        byte[] l = line;
        in.getBytes(from, l, 0, length);
        int count = 1;
        for (int i = 0; i < length; i++) {
            if (l[i] == ' ') {
                count++;
            }
        }
        byte[][] parts = new byte[count][];
        int start = 0;
        int n = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || l[i] == ' ') {
                parts[n++] = Arrays.copyOfRange(l, start, i);
                start = i + 1;
            }
        }
        return parts;
    }

    /** The command's name; the known ones without a new String per command. */
    private static String commandName(byte[] name) {
        for (int i = 0; i < COMMANDS.length; i++) {
            if (Arrays.equals(name, COMMAND_BYTES[i])) {
                return COMMANDS[i];
            }
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    /**
     * Runs the command. Returns how many bytes of body it used after the line, or -1 when its body has not
     * fully arrived yet (the line is parsed again with more input; nothing has happened by then).
     */
    private int execute(byte[][] params, int bodyStart) throws ClientError {
        String command = commandName(params[0]);
        if (!command.equals("IDENTIFY") && tlsMissing()) {
            throw ClientError.fatal(E_INVALID, "cannot " + command + " in current state (TLS required)");
        }
        switch (command) {
            case "IDENTIFY":
                return identify.identify(bodyStart);
            case "FIN":
                subscribe.fin(params);
                return 0;
            case "RDY":
                subscribe.rdy(params);
                return 0;
            case "REQ":
                subscribe.req(params);
                return 0;
            case "PUB":
                return publish.pub(params, bodyStart);
            case "MPUB":
                return publish.mpub(params, bodyStart);
            case "DPUB":
                return publish.dpub(params, bodyStart);
            case "NOP":
                return 0;
            case "TOUCH":
                subscribe.touch(params);
                return 0;
            case "SUB":
                return subscribe.sub(params);
            case "CLS":
                subscribe.cls();
                return 0;
            case "AUTH":
                return auth.auth(params, bodyStart);
            default:
                throw ClientError.fatal(E_INVALID, "invalid command " + command);
        }
    }

    /** The broker requires TLS and this client has not upgraded: every command but IDENTIFY fails. */
    boolean tlsMissing() {
        return features.tls().requiredForTcp() && !client.upgrades().tls();
    }

    /** The body's length field, or null when it has not arrived. */
    Integer bodyLength(int bodyStart) {
        if (pending.length() - bodyStart < 4) {
            return null;
        }
        return pending.getInt(bodyStart);
    }

    boolean bodyArrived(int bodyStart, int length) {
        if (pending.length() - bodyStart - 4 >= length) {
            return true;
        }
        awaitedEnd = bodyStart + 4 + length;
        return false;
    }

    Topic topicOrFail(String topicName, String failCode, String failPrefix) throws ClientError {
        try {
            return topics.getOrCreate(topicName);
        } catch (IOException e) {
            throw ClientError.fatal(failCode, failPrefix + e.getMessage());
        }
    }

    void onTopicLoop(OwnerLoop loop, ClientConnection.Reply slot, Supplier<Answer> command) {
        // a consumer's FINs of one read all go to one loop: no map look-up for each
        if (loop != lastLoop) {
            lastLoop = loop;
            lastBatch = batched.computeIfAbsent(loop, l -> new LoopBatch());
        }
        lastBatch.add(slot, command);
    }

    private void handOverBatches() {
        lastLoop = null;
        lastBatch = null;
        // a run handed over runs on its channel's loop from now on: later FINs start their own
        subscribe.endFinRun();
        if (batched.isEmpty()) {
            return;
        }
        for (Map.Entry<OwnerLoop, LoopBatch> e : batched.entrySet()) {
            LoopBatch batch = e.getValue();
            e.getKey().run(() -> batch.run(client, clientLoop));
        }
        batched.clear();
    }

    /** The client went away: its subscription ends and its in-flight messages go back to the channel. */
    void connectionClosed() {
        handOverBatches();
        subscribe.connectionClosed();
    }

    /** nsqd's ByteToBase10: digits only (empty is 0); -1 for anything else. */
    static long parseBase10(byte[] digits) {
        long n = 0;
        for (byte b : digits) {
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : n * 10 + (b - '0');
        }
        return n;
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
