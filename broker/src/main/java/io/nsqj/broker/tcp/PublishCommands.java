package io.nsqj.broker.tcp;

import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.tcp.LoopBatch.Answer;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.GoStrings;
import io.nsqj.protocol.Names;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.nsqj.protocol.ErrorCodes.*;

/**
 * PUB, MPUB and DPUB: bodies checked as nsqd checks them on the connection's loop, then published on the
 * topic's loop; the OK waits until the topic has them (and, with --sync-mode=always, until they are on disk).
 */
final class PublishCommands {
    private static final System.Logger LOG = System.getLogger(PublishCommands.class.getName());

    private final ProtocolV2 protocol;
    private final ClientConnection client;
    private final ProtocolLimits limits;
    private final OwnerLoop clientLoop;

    PublishCommands(ProtocolV2 protocol) {
        this.protocol = protocol;
        this.client = protocol.client;
        this.limits = protocol.limits;
        this.clientLoop = protocol.clientLoop;
    }

    int pub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "PUB insufficient number of parameters");
        }
        String topicName = ProtocolV2.str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "PUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        Integer len = protocol.bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_MESSAGE, "PUB invalid message body size " + len);
        }
        if (len > limits.maxMsgSize()) {
            throw ClientError.fatal(E_BAD_MESSAGE, "PUB message too big " + len + " > " + limits.maxMsgSize());
        }
        if (!protocol.bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (!protocol.auth.authorized("PUB", topicName, "")) {
            return -1;
        }
        byte[] body = protocol.pending.getBytes(bodyStart + 4, bodyStart + 4 + len);
        publish(topicName, List.of(body), 0, E_PUB_FAILED, "PUB failed ");
        return 4 + len;
    }

    int dpub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 3) {
            throw ClientError.fatal(E_INVALID, "DPUB insufficient number of parameters");
        }
        String topicName = ProtocolV2.str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            throw ClientError.fatal(E_BAD_TOPIC, "DPUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        long timeout = ProtocolV2.parseBase10(params[2]);
        if (timeout < 0) {
            throw ClientError.fatal(E_INVALID, "DPUB could not parse timeout " + ProtocolV2.str(params[2]));
        }
        if (timeout > limits.maxReqTimeoutMillis()) {
            throw ClientError.fatal(E_INVALID,
                    "DPUB timeout " + timeout + " out of range 0-" + limits.maxReqTimeoutMillis());
        }
        Integer len = protocol.bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_MESSAGE, "DPUB invalid message body size " + len);
        }
        if (len > limits.maxMsgSize()) {
            throw ClientError.fatal(E_BAD_MESSAGE, "DPUB message too big " + len + " > " + limits.maxMsgSize());
        }
        if (!protocol.bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (!protocol.auth.authorized("DPUB", topicName, "")) {
            return -1;
        }
        byte[] body = protocol.pending.getBytes(bodyStart + 4, bodyStart + 4 + len);
        publish(topicName, List.of(body), timeout, E_DPUB_FAILED, "DPUB failed ");
        return 4 + len;
    }

    int mpub(byte[][] params, int bodyStart) throws ClientError {
        if (params.length < 2) {
            throw ClientError.fatal(E_INVALID, "MPUB insufficient number of parameters");
        }
        String topicName = ProtocolV2.str(params[1]);
        if (!Names.isValidTopicName(topicName)) {
            // nsqd repeats the code inside the description here; clients may match on it
            throw ClientError.fatal(E_BAD_TOPIC,
                    "E_BAD_TOPIC MPUB topic name " + GoStrings.quote(topicName) + " is not valid");
        }
        if (!protocol.auth.authorized("MPUB", topicName, "")) {
            return -1;
        }
        Integer len = protocol.bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB invalid body size " + len);
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "MPUB body too big " + len + " > " + limits.maxBodySize());
        }
        if (!protocol.bodyArrived(bodyStart, len)) {
            return -1;
        }
        List<byte[]> bodies = MpubBody.read(protocol.pending, bodyStart + 4, len, limits.maxMsgSize(), limits.maxBodySize());
        publish(topicName, bodies, 0, E_MPUB_FAILED, "MPUB failed ");
        return 4 + len;
    }

    private void publish(String topicName, List<byte[]> bodies, long deferMillis, String failCode, String failPrefix)
            throws ClientError {
        Topic topic = protocol.topicOrFail(topicName, failCode, failPrefix);
        client.recordPublished(topicName, bodies.size());
        ClientConnection.Reply slot = client.pendingPublishReply();
        protocol.onTopicLoop(topic.loop(), slot, () -> {
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
}
