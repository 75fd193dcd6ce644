package io.nsqj.broker.tcp;

import io.nsqj.broker.core.ChannelFullException;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.Subscription;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.tcp.LoopBatch.Answer;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.GoStrings;
import io.nsqj.protocol.MessageId;
import io.nsqj.protocol.Names;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.function.Function;

import static io.nsqj.protocol.ErrorCodes.*;

/**
 * The consumer's side: SUB, RDY, FIN, REQ, TOUCH and CLS, each checked on the connection's loop and run on
 * the subscribed channel's loop, answering in command order. On the connection's loop.
 */
final class SubscribeCommands {
    private final ProtocolV2 protocol;
    private final ClientConnection client;
    private final ProtocolLimits limits;
    private OwnerLoop subscribedLoop;
    /** The FINs of this read so far, when nothing else came between them; null once another command came. */
    private FinRun fins;

    SubscribeCommands(ProtocolV2 protocol) {
        this.protocol = protocol;
        this.client = protocol.client;
        this.limits = protocol.limits;
    }

    int sub(byte[][] params) throws ClientError {
        if (protocol.state != ProtocolV2.STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot SUB in current state");
        }
        if (client.heartbeatMillis <= 0) {
            throw ClientError.fatal(E_INVALID, "cannot SUB with heartbeats disabled");
        }
        if (params.length < 3) {
            throw ClientError.fatal(E_INVALID, "SUB insufficient number of parameters");
        }
        String topicName = ProtocolV2.str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "SUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        String channelName = ProtocolV2.str(params[2]);
        if (!Names.isValidChannelName(channelName)) {
            throw ClientError.fatal(E_BAD_CHANNEL,
                    "SUB channel name " + GoStrings.quote(channelName) + " is not valid");
        }
        if (!protocol.auth.authorized("SUB", topicName, channelName)) {
            return -1;
        }
        Topic topic = protocol.topicOrFail(topicName, E_SUB_FAILED, "SUB failed ");
        protocol.state = ProtocolV2.STATE_SUBSCRIBED;
        subscribedLoop = topic.loop();
        client.onDeliveriesResume(() -> subscribedLoop.run(() -> {
            Subscription s = client.subscription;
            if (s != null) {
                s.channel().subscriberWritable(s);
            }
        }));
        long msgTimeout = client.msgTimeoutMillis;
        int sampleRate = client.sampleRate;
        protocol.onTopicLoop(topic.loop(), client.pendingReply(), () -> {
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

    void rdy(byte[][] params) throws ClientError {
        if (protocol.state == ProtocolV2.STATE_CLOSING) {
            return;
        }
        if (protocol.state != ProtocolV2.STATE_SUBSCRIBED) {
            throw ClientError.fatal(E_INVALID, "cannot RDY in current state");
        }
        long count = 1;
        if (params.length > 1) {
            count = ProtocolV2.parseBase10(params[1]);
            if (count < 0) {
                throw ClientError.fatal(E_INVALID, "RDY could not parse count " + ProtocolV2.str(params[1]));
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

    /**
     * A line of exactly "FIN " and 16 lower-case hex digits, joining the read's run of FINs without a split
     * or an object of its own; false (nothing done) for any other line, which takes the general path.
     */
    boolean tryFin(ByteBuf line, int pos, int length) throws ClientError {
        if (length != 4 + MessageId.LENGTH || line.getByte(pos) != 'F' || line.getByte(pos + 1) != 'I'
                || line.getByte(pos + 2) != 'N' || line.getByte(pos + 3) != ' ' || protocol.tlsMissing()) {
            return false;
        }
        long id = MessageId.parse(line, pos + 4);
        if (id < 0) {
            return false;
        }
        requireSubscribedOrClosing("FIN");
        if (fins == null) {
            fins = new FinRun(client);
            protocol.onTopicLoop(subscribedLoop, client.pendingReply(), fins);
        }
        fins.add(id);
        return true;
    }

    /** Another command came, or the read's commands were handed over: the next FIN starts a new run. */
    void endFinRun() {
        fins = null;
    }

    void fin(byte[][] params) throws ClientError {
        byte[] rawId = messageIdParam("FIN", params, 2);
        long id = MessageId.parse(rawId, 0, rawId.length);
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_FIN_FAILED, "FIN", rawId, s.channel().finish(s, id)));
    }

    void req(byte[][] params) throws ClientError {
        byte[] rawId = messageIdParam("REQ", params, 3);
        long id = MessageId.parse(rawId, 0, rawId.length);
        long timeout = ProtocolV2.parseBase10(params[2]);
        if (timeout < 0) {
            throw ClientError.fatal(E_INVALID, "REQ could not parse timeout " + ProtocolV2.str(params[2]));
        }
        long delay = Math.min(timeout, limits.maxReqTimeoutMillis());
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_REQ_FAILED, "REQ", rawId, s.channel().requeue(s, id, delay)));
    }

    void touch(byte[][] params) throws ClientError {
        byte[] rawId = messageIdParam("TOUCH", params, 2);
        long id = MessageId.parse(rawId, 0, rawId.length);
        onSubscription(client.pendingReply(),
                s -> nonFatal(E_TOUCH_FAILED, "TOUCH", rawId, s.channel().touch(s, id)));
    }

    /** The id a FIN, REQ or TOUCH names, once its state and parameter count passed nsqd's checks. */
    private byte[] messageIdParam(String command, byte[][] params, int needed) throws ClientError {
        requireSubscribedOrClosing(command);
        if (params.length < needed) {
            throw ClientError.fatal(E_INVALID, command + " insufficient number of params");
        }
        return messageId(params[1]);
    }

    void cls() throws ClientError {
        if (protocol.state != ProtocolV2.STATE_SUBSCRIBED) {
            throw ClientError.fatal(E_INVALID, "cannot CLS in current state");
        }
        protocol.state = ProtocolV2.STATE_CLOSING;
        // CLOSE_WAIT only once the channel stopped delivering to this client: a client that acts on it (FINs
        // what it holds, or tells a publisher to go on) must not get a message after it. Deliveries and the
        // completed reply both reach the socket as tasks the channel's loop hands to the connection's, in order.
        Buffer closeWait = Frames.response(Frames.CLOSE_WAIT);
        protocol.onTopicLoop(subscribedLoop, client.pendingReply(), () -> {
            Subscription s = client.subscription;
            if (s != null) {
                s.channel().startClose(s);
            }
            return Answer.reply(closeWait);
        });
    }

    /**
     * FIN, REQ and TOUCH answer nothing on success, else nsqd's "E_FIN_FAILED FIN <id> failed <reason>", built
     * only then. nsqd formats the id's bytes with %s, so they come back exactly as sent, even when not UTF-8.
     */
    private static Answer nonFatal(String code, String command, byte[] rawId, String error) {
        return error == null ? Answer.NONE : Answer.reply(failure(code, command, rawId, error));
    }

    static Buffer failure(String code, String command, byte[] rawId, String error) {
        Buffer text = Buffer.buffer(64).appendString(code + " " + command + " ").appendBytes(rawId)
                .appendString(" failed " + error);
        return Frames.error(text.getBytes());
    }

    private void requireSubscribedOrClosing(String command) throws ClientError {
        if (protocol.state != ProtocolV2.STATE_SUBSCRIBED && protocol.state != ProtocolV2.STATE_CLOSING) {
            throw ClientError.fatal(E_INVALID, "cannot " + command + " in current state");
        }
    }

    private static byte[] messageId(byte[] raw) throws ClientError {
        if (raw.length != MessageId.LENGTH) {
            throw ClientError.fatal(E_INVALID, "invalid message ID");
        }
        return raw;
    }

    /** The client went away: its subscription ends and its in-flight messages go back to the channel. */
    void connectionClosed() {
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

    /** A command on the subscribed channel; without a subscription (the channel went away) it answers nothing. */
    private void onSubscription(ClientConnection.Reply slot, Function<Subscription, Answer> action) {
        protocol.onTopicLoop(subscribedLoop, slot, () -> {
            Subscription s = client.subscription;
            return s == null ? Answer.NONE : action.apply(s);
        });
    }
}
