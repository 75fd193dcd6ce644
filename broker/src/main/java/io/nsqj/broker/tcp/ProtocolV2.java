package io.nsqj.broker.tcp;

import io.nsqj.broker.auth.AuthState;
import io.nsqj.broker.core.ChannelFullException;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.Subscription;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.tcp.LoopBatch.Answer;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.GoStrings;
import io.nsqj.protocol.MessageId;
import io.nsqj.protocol.Names;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
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
    /** nsqd's deflate level when the client names none; its answer caps it by --max-deflate-level. */
    private static final int DEFAULT_DEFLATE_LEVEL = 6;
    private static final int STATE_INIT = 0;
    private static final int STATE_SUBSCRIBED = 3;
    private static final int STATE_CLOSING = 4;

    private final ClientConnection client;
    private final TopicRegistry topics;
    private final ProtocolLimits limits;
    private final OwnerLoop clientLoop;
    private final String version;
    private final NegotiableFeatures features;
    private final Map<OwnerLoop, LoopBatch> batched = new IdentityHashMap<>();
    private Buffer pending = Buffer.buffer();
    private boolean magicRead;
    private boolean failed;
    private int state = STATE_INIT;
    private OwnerLoop subscribedLoop;
    /** While an auth server is asked, later commands wait unparsed: they may depend on its answer. */
    private boolean awaitingAuth;
    /** AUTH's secret, sent again when the grants expire. */
    private String authSecret;
    /** Fetching expired grants again failed: the command that waited for them fails with E_AUTH_FAILED. */
    private boolean authRefreshFailed;

    ProtocolV2(ClientConnection client, TopicRegistry topics, ProtocolLimits limits, OwnerLoop clientLoop,
               String version, NegotiableFeatures features) {
        this.client = client;
        this.topics = topics;
        this.limits = limits;
        this.clientLoop = clientLoop;
        this.version = version;
        this.features = features;
    }

    void handle(Buffer chunk) {
        if (failed) {
            return;
        }
        client.readHappened();
        pending = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
        if (!awaitingAuth) {
            parsePending();
        }
    }

    private void parsePending() {
        int pos = 0;
        try {
            while (!failed && !awaitingAuth) {
                int used = parse(pos);
                if (used == 0) {
                    break;
                }
                pos += used;
            }
        } finally {
            handOverBatches();
        }
        if (failed) {
            pending = Buffer.buffer();
        } else if (pos > 0) {
            pending = pos == pending.length() ? Buffer.buffer() : pending.getBuffer(pos, pending.length());
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
        int eol = -1;
        int limit = Math.min(pending.length(), pos + MAX_LINE);
        for (int i = pos; i < limit; i++) {
            if (pending.getByte(i) == '\n') {
                eol = i;
                break;
            }
        }
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
        byte[][] params = split(pending.getBytes(pos, end));
        int lineLength = eol + 1 - pos;
        try {
            int bodyUsed = execute(params, eol + 1);
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

    private static byte[][] split(byte[] line) {
        List<byte[]> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == ' ') {
                byte[] p = new byte[i - start];
                System.arraycopy(line, start, p, 0, p.length);
                parts.add(p);
                start = i + 1;
            }
        }
        return parts.toArray(new byte[0][]);
    }

    /**
     * Runs the command. Returns how many bytes of body it used after the line, or -1 when its body has not
     * fully arrived yet (the line is parsed again with more input; nothing has happened by then).
     */
    private int execute(byte[][] params, int bodyStart) throws ClientError {
        String command = new String(params[0], StandardCharsets.UTF_8);
        if (!command.equals("IDENTIFY") && features.tls().requiredForTcp() && !client.upgrades().tls()) {
            throw ClientError.fatal(E_INVALID, "cannot " + command + " in current state (TLS required)");
        }
        switch (command) {
            case "IDENTIFY":
                return identify(bodyStart);
            case "FIN":
                fin(params);
                return 0;
            case "RDY":
                rdy(params);
                return 0;
            case "REQ":
                req(params);
                return 0;
            case "PUB":
                return pub(params, bodyStart);
            case "MPUB":
                return mpub(params, bodyStart);
            case "DPUB":
                return dpub(params, bodyStart);
            case "NOP":
                return 0;
            case "TOUCH":
                touch(params);
                return 0;
            case "SUB":
                return sub(params);
            case "CLS":
                cls();
                return 0;
            case "AUTH":
                return auth(params, bodyStart);
            default:
                throw ClientError.fatal(E_INVALID, "invalid command " + command);
        }
    }

    /** The body's length field, or null when it has not arrived. */
    private Integer bodyLength(int bodyStart) {
        if (pending.length() - bodyStart < 4) {
            return null;
        }
        return pending.getInt(bodyStart);
    }

    private boolean bodyArrived(int bodyStart, int length) {
        return pending.length() - bodyStart - 4 >= length;
    }

    private int identify(int bodyStart) throws ClientError {
        if (state != STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot IDENTIFY in current state");
        }
        Integer len = bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY body too big " + len + " > " + limits.maxBodySize());
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY invalid body size " + len);
        }
        if (!bodyArrived(bodyStart, len)) {
            return -1;
        }
        Buffer body = pending.getBuffer(bodyStart + 4, bodyStart + 4 + len);
        IdentifyRequest request;
        try {
            request = IdentifyRequest.parse(new JsonObject(body));
        } catch (RuntimeException e) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY failed to decode JSON body");
        }
        String invalid = applyIdentify(request);
        if (invalid != null) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY " + invalid);
        }
        if (!request.featureNegotiation()) {
            client.reply(Frames.response(Frames.OK));
        } else {
            boolean tls = features.tls().enabled() && request.tlsV1();
            boolean deflate = features.deflate() && request.deflate();
            boolean snappy = features.snappy() && request.snappy();
            int deflateLevel = deflate && request.deflateLevel() > 0 ? request.deflateLevel() : DEFAULT_DEFLATE_LEVEL;
            deflateLevel = Math.min(deflateLevel, limits.maxDeflateLevel());
            if (deflate && snappy) {
                throw ClientError.fatal(E_IDENTIFY_FAILED, "cannot enable both deflate and snappy compression");
            }
            JsonObject response = new JsonObject()
                    .put("max_rdy_count", limits.maxRdyCount())
                    .put("version", version)
                    .put("max_msg_timeout", limits.maxMsgTimeoutMillis())
                    .put("msg_timeout", client.msgTimeoutMillis)
                    .put("tls_v1", tls)
                    .put("deflate", deflate)
                    .put("deflate_level", deflateLevel)
                    .put("max_deflate_level", limits.maxDeflateLevel())
                    .put("snappy", snappy)
                    .put("sample_rate", client.sampleRate)
                    .put("auth_required", features.auth().enabled())
                    .put("output_buffer_size", client.outputBufferSize)
                    .put("output_buffer_timeout", client.outputBufferTimeoutMillis)
                    .put("topology_region", "")
                    .put("topology_zone", "");
            int level = deflateLevel;
            Runnable upgrade = tls || snappy || deflate ? () -> upgrade(tls, snappy, deflate, level) : null;
            client.reply(Frames.response(response.encode().getBytes(StandardCharsets.UTF_8)), upgrade);
        }
        client.startHeartbeats();
        return 4 + len;
    }

    /**
     * nsqd's order once IDENTIFY's answer is out: TLS, then snappy or deflate, each followed by an OK that
     * already travels the upgraded stream, so the client can check each step.
     */
    private void upgrade(boolean tls, boolean snappy, boolean deflate, int deflateLevel) {
        StreamUpgrades upgrades = client.upgrades();
        if (tls) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to TLS");
            upgrades.startTls(features.tls());
            client.send(Frames.response(Frames.OK));
        }
        if (snappy) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to snappy");
            upgrades.startSnappy();
            client.send(Frames.response(Frames.OK));
        }
        if (deflate) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to deflate (level "
                    + deflateLevel + ")");
            upgrades.startDeflate(deflateLevel);
            client.send(Frames.response(Frames.OK));
        }
    }

    /** Applies IDENTIFY's settings as nsqd validates them; returns nsqd's complaint or null. */
    private String applyIdentify(IdentifyRequest r) {
        client.clientId = r.clientId();
        client.hostname = r.hostname();
        client.userAgent = r.userAgent();
        client.topologyRegion = r.topologyRegion();
        client.topologyZone = r.topologyZone();
        int hb = r.heartbeatInterval();
        if (hb == -1) {
            client.heartbeatMillis = 0;
        } else if (hb != 0) {
            if (hb < 1000 || hb > limits.maxHeartbeatMillis()) {
                return "heartbeat interval (" + hb + ") is invalid";
            }
            client.heartbeatMillis = hb;
        }
        int obt = r.outputBufferTimeout();
        if (obt == -1) {
            client.outputBufferTimeoutMillis = 0;
        } else if (obt != 0) {
            if (obt < limits.minOutputBufferTimeoutMillis() || obt > limits.maxOutputBufferTimeoutMillis()) {
                return "output buffer timeout (" + obt + ") is invalid";
            }
            client.outputBufferTimeoutMillis = obt;
        }
        int obs = r.outputBufferSize();
        if (obs == -1) {
            client.outputBufferSize = 1;
            client.outputBufferTimeoutMillis = 0;
        } else if (obs != 0) {
            if (obs < 64 || obs > limits.maxOutputBufferSize()) {
                return "output buffer size (" + obs + ") is invalid";
            }
            client.outputBufferSize = obs;
        }
        int sample = r.sampleRate();
        if (sample < 0 || sample > 99) {
            return "sample rate (" + sample + ") is invalid";
        }
        client.sampleRate = sample;
        int mt = r.msgTimeout();
        if (mt != 0) {
            if (mt < 1000 || mt > limits.maxMsgTimeoutMillis()) {
                return "msg timeout (" + mt + ") is invalid";
            }
            client.msgTimeoutMillis = mt;
        }
        return null;
    }

    private int auth(byte[][] params, int bodyStart) throws ClientError {
        if (state != STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot AUTH in current state");
        }
        if (params.length != 1) {
            throw ClientError.fatal(E_INVALID, "AUTH invalid number of parameters");
        }
        Integer len = bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "AUTH body too big " + len + " > " + limits.maxBodySize());
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "AUTH invalid body size " + len);
        }
        if (!bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (client.hasAuthorizations()) {
            throw ClientError.fatal(E_INVALID, "AUTH already set");
        }
        if (!features.auth().enabled()) {
            throw ClientError.fatal("E_AUTH_DISABLED", "AUTH disabled");
        }
        authSecret = str(pending.getBytes(bodyStart + 4, bodyStart + 4 + len));
        ClientConnection.Reply slot = client.pendingReply();
        askAuthServer(state -> {
            if (!state.hasAuthorizations()) {
                failed = true;
                slot.complete(Frames.error(E_UNAUTHORIZED + " AUTH no authorizations found"), true);
                return;
            }
            JsonObject answer = new JsonObject().put("identity", state.identity())
                    .put("identity_url", state.identityUrl())
                    .put("permission_count", state.authorizations().size());
            slot.complete(Frames.response(answer.encode().getBytes(StandardCharsets.UTF_8)), false);
        }, () -> {
            // what went wrong with the auth server is logged, not told to an untrusted client
            failed = true;
            slot.complete(Frames.error(E_AUTH_FAILED + " AUTH failed"), true);
        });
        return 4 + len;
    }

    /**
     * Asks the auth servers off the event loop; commands parsed after this wait until the answer is in, then
     * parsing goes on where it stopped, with the grants (or the failure) known.
     */
    private void askAuthServer(Consumer<AuthState> answered, Runnable failedToAsk) {
        awaitingAuth = true;
        StreamUpgrades upgrades = client.upgrades();
        features.auth().query(client.remoteIp(), upgrades.tls(), upgrades.peerCommonName(), authSecret)
                .whenComplete((state, error) -> clientLoop.run(() -> {
                    awaitingAuth = false;
                    if (error == null) {
                        client.authState = state;
                        answered.accept(state);
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "PROTOCOL(V2): [" + client + "] AUTH failed "
                                + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
                        failedToAsk.run();
                    }
                    client.drainReplies();
                    if (!failed) {
                        parsePending();
                    }
                }));
    }

    /**
     * nsqd's CheckAuth. Returns false when the grants expired and are being fetched again: the command is
     * then parsed again once they are in, as if its bytes had just arrived.
     */
    private boolean authorized(String command, String topicName, String channelName) throws ClientError {
        if (!features.auth().enabled()) {
            return true;
        }
        if (!client.hasAuthorizations()) {
            throw ClientError.fatal(E_AUTH_FIRST, "AUTH required before " + command);
        }
        if (authRefreshFailed) {
            throw ClientError.fatal(E_AUTH_FAILED, "AUTH failed");
        }
        AuthState state = client.authState;
        if (state.isExpired()) {
            askAuthServer(fresh -> { }, () -> authRefreshFailed = true);
            return false;
        }
        if (!state.isAllowed(topicName, channelName)) {
            throw ClientError.fatal(E_UNAUTHORIZED, "AUTH failed for " + command + " on "
                    + GoStrings.quote(topicName) + " " + GoStrings.quote(channelName));
        }
        return true;
    }

    private int sub(byte[][] params) throws ClientError {
        if (state != STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot SUB in current state");
        }
        if (client.heartbeatMillis <= 0) {
            throw ClientError.fatal(E_INVALID, "cannot SUB with heartbeats disabled");
        }
        if (params.length < 3) {
            throw ClientError.fatal(E_INVALID, "SUB insufficient number of parameters");
        }
        String topicName = str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "SUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        String channelName = str(params[2]);
        if (!Names.isValidChannelName(channelName)) {
            throw ClientError.fatal(E_BAD_CHANNEL,
                    "SUB channel name " + GoStrings.quote(channelName) + " is not valid");
        }
        if (!authorized("SUB", topicName, channelName)) {
            return -1;
        }
        Topic topic = topicOrFail(topicName, E_SUB_FAILED, "SUB failed ");
        state = STATE_SUBSCRIBED;
        subscribedLoop = topic.loop();
        client.onDeliveriesResume(() -> subscribedLoop.run(() -> {
            Subscription s = client.subscription;
            if (s != null) {
                s.channel().subscriberWritable(s);
            }
        }));
        long msgTimeout = client.msgTimeoutMillis;
        int sampleRate = client.sampleRate;
        onTopicLoop(topic.loop(), client.pendingReply(), () -> {
            if (client.isClosed()) {
                return Answer.NONE;
            }
            try {
                client.subscription = topic.subscribe(channelName, client, msgTimeout, sampleRate);
                return Answer.reply(Frames.response(Frames.OK));
            } catch (IOException | ChannelFullException e) {
                return Answer.fatal(Frames.error(E_SUB_FAILED + " SUB failed " + e.getMessage()));
            }
        });
        return 0;
    }

    private void rdy(byte[][] params) throws ClientError {
        if (state == STATE_CLOSING) {
            return;
        }
        if (state != STATE_SUBSCRIBED) {
            throw ClientError.fatal(E_INVALID, "cannot RDY in current state");
        }
        long count = 1;
        if (params.length > 1) {
            count = parseBase10(params[1]);
            if (count < 0) {
                throw ClientError.fatal(E_INVALID, "RDY could not parse count " + str(params[1]));
            }
        }
        if (count > limits.maxRdyCount()) {
            throw ClientError.fatal(E_INVALID, "RDY count " + count + " out of range 0-" + limits.maxRdyCount());
        }
        long n = count;
        onSubscription(null, s -> {
            s.channel().setReady(s, n);
            return Answer.NONE;
        });
    }

    private void fin(byte[][] params) throws ClientError {
        requireSubscribedOrClosing("FIN");
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "FIN insufficient number of params");
        }
        byte[] rawId = messageId(params[1]);
        long id = MessageId.parse(rawId, 0, rawId.length);
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_FIN_FAILED, "FIN", rawId, s.channel().finish(s, id)));
    }

    private void req(byte[][] params) throws ClientError {
        requireSubscribedOrClosing("REQ");
        if (params.length < 3) {
            throw ClientError.fatal(E_INVALID, "REQ insufficient number of params");
        }
        byte[] rawId = messageId(params[1]);
        long id = MessageId.parse(rawId, 0, rawId.length);
        long timeout = parseBase10(params[2]);
        if (timeout < 0) {
            throw ClientError.fatal(E_INVALID, "REQ could not parse timeout " + str(params[2]));
        }
        long delay = Math.min(timeout, limits.maxReqTimeoutMillis());
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_REQ_FAILED, "REQ", rawId, s.channel().requeue(s, id, delay)));
    }

    private void touch(byte[][] params) throws ClientError {
        requireSubscribedOrClosing("TOUCH");
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "TOUCH insufficient number of params");
        }
        byte[] rawId = messageId(params[1]);
        long id = MessageId.parse(rawId, 0, rawId.length);
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_TOUCH_FAILED, "TOUCH", rawId, s.channel().touch(s, id)));
    }

    private void cls() throws ClientError {
        if (state != STATE_SUBSCRIBED) {
            throw ClientError.fatal(E_INVALID, "cannot CLS in current state");
        }
        state = STATE_CLOSING;
        onSubscription(null, s -> {
            s.channel().startClose(s);
            return Answer.NONE;
        });
        client.reply(Frames.response(Frames.CLOSE_WAIT));
    }

    /**
     * FIN, REQ and TOUCH answer nothing on success, else nsqd's "E_FIN_FAILED FIN <id> failed <reason>", built
     * only then. nsqd formats the id's bytes with %s, so they come back exactly as sent, even when not UTF-8.
     */
    private static Answer nonFatal(String code, String command, byte[] rawId, String error) {
        if (error == null) {
            return Answer.NONE;
        }
        Buffer text = Buffer.buffer(64).appendString(code + " " + command + " ").appendBytes(rawId)
                .appendString(" failed " + error);
        return Answer.reply(Frames.error(text.getBytes()));
    }

    private void requireSubscribedOrClosing(String command) throws ClientError {
        if (state != STATE_SUBSCRIBED && state != STATE_CLOSING) {
            throw ClientError.fatal(E_INVALID, "cannot " + command + " in current state");
        }
    }

    private static byte[] messageId(byte[] raw) throws ClientError {
        if (raw.length != MessageId.LENGTH) {
            throw ClientError.fatal(E_INVALID, "invalid message ID");
        }
        return raw;
    }

    private int pub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "PUB insufficient number of parameters");
        }
        String topicName = str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "PUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        Integer len = bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_MESSAGE, "PUB invalid message body size " + len);
        }
        if (len > limits.maxMsgSize()) {
            throw ClientError.fatal(E_BAD_MESSAGE, "PUB message too big " + len + " > " + limits.maxMsgSize());
        }
        if (!bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (!authorized("PUB", topicName, "")) {
            return -1;
        }
        byte[] body = pending.getBytes(bodyStart + 4, bodyStart + 4 + len);
        publish(topicName, List.of(body), 0, E_PUB_FAILED, "PUB failed ");
        return 4 + len;
    }

    private int dpub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 3) {
            throw ClientError.fatal(E_INVALID, "DPUB insufficient number of parameters");
        }
        String topicName = str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "DPUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        long timeout = parseBase10(params[2]);
        if (timeout < 0) {
            throw ClientError.fatal(E_INVALID, "DPUB could not parse timeout " + str(params[2]));
        }
        if (timeout > limits.maxReqTimeoutMillis()) {
            throw ClientError.fatal(E_INVALID,
                    "DPUB timeout " + timeout + " out of range 0-" + limits.maxReqTimeoutMillis());
        }
        Integer len = bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_MESSAGE, "DPUB invalid message body size " + len);
        }
        if (len > limits.maxMsgSize()) {
            throw ClientError.fatal(E_BAD_MESSAGE, "DPUB message too big " + len + " > " + limits.maxMsgSize());
        }
        if (!bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (!authorized("DPUB", topicName, "")) {
            return -1;
        }
        byte[] body = pending.getBytes(bodyStart + 4, bodyStart + 4 + len);
        publish(topicName, List.of(body), timeout, E_DPUB_FAILED, "DPUB failed ");
        return 4 + len;
    }

    private int mpub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "MPUB insufficient number of parameters");
        }
        String topicName = str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            // nsqd repeats the code inside the description here; clients may match on it
            throw ClientError.fatal(E_BAD_TOPIC,
                    "E_BAD_TOPIC MPUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        if (!authorized("MPUB", topicName, "")) {
            return -1;
        }
        Integer len = bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB invalid body size " + len);
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB body too big " + len + " > " + limits.maxBodySize());
        }
        if (!bodyArrived(bodyStart, len)) {
            return -1;
        }
        List<byte[]> bodies = MpubBody.read(pending, bodyStart + 4, len, limits.maxMsgSize(), limits.maxBodySize());
        publish(topicName, bodies, 0, E_MPUB_FAILED, "MPUB failed ");
        return 4 + len;
    }

    private void publish(String topicName, List<byte[]> bodies, long deferMillis, String failCode, String failPrefix)
            throws ClientError {
        Topic topic = topicOrFail(topicName, failCode, failPrefix);
        client.recordPublished(topicName, bodies.size());
        ClientConnection.Reply slot = client.pendingPublishReply();
        onTopicLoop(topic.loop(), slot, () -> {
            try {
                topic.publish(bodies, deferMillis);
            } catch (IOException e) {
                return publishFailed(failCode, failPrefix, e);
            }
            CompletableFuture<Void> durable = topic.whenDurable();
            if (durable.isDone() && !durable.isCompletedExceptionally()) {
                return Answer.reply(Frames.response(Frames.OK));
            }
            durable.whenComplete((ok, failure) -> clientLoop.run(() -> {
                Answer a = failure == null ? Answer.reply(Frames.response(Frames.OK))
                        : publishFailed(failCode, failPrefix, failure);
                slot.complete(a.frame(), a.fatal());
                client.drainReplies();
            }));
            return Answer.LATER;
        });
    }

    private Answer publishFailed(String failCode, String failPrefix, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, "[" + client + "] " + failPrefix + e.getMessage());
        return Answer.fatal(Frames.error(failCode + " " + failPrefix + e.getMessage()));
    }

    private Topic topicOrFail(String topicName, String failCode, String failPrefix) throws ClientError {
        try {
            return topics.getOrCreate(topicName);
        } catch (IOException e) {
            throw ClientError.fatal(failCode, failPrefix + e.getMessage());
        }
    }

    /** A command on the subscribed channel; without a subscription (the channel went away) it answers nothing. */
    private void onSubscription(ClientConnection.Reply slot, Function<Subscription, Answer> action) {
        onTopicLoop(subscribedLoop, slot, () -> {
            Subscription s = client.subscription;
            return s == null ? Answer.NONE : action.apply(s);
        });
    }

    private void onTopicLoop(OwnerLoop loop, ClientConnection.Reply slot, Supplier<Answer> command) {
        batched.computeIfAbsent(loop, l -> new LoopBatch()).add(slot, command);
    }

    private void handOverBatches() {
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
        if (subscribedLoop != null) {
            subscribedLoop.run(() -> {
                Subscription s = client.subscription;
                if (s != null) {
                    client.subscription = null;
                    s.channel().unsubscribe(s);
                }
            });
        }
    }

    /** nsqd's ByteToBase10: digits only (empty is 0); -1 for anything else. */
    private static long parseBase10(byte[] digits) {
        long n = 0;
        for (byte b : digits) {
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : n * 10 + (b - '0');
        }
        return n;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
