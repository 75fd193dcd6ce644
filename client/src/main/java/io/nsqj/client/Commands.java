package io.nsqj.client;

import io.nsqj.protocol.Names;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Encodes the protocol V2 commands a client sends: "NAME params\n", then [size int32][body] when it has one. */
final class Commands {
    static final byte[] MAGIC_V2 = "  V2".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NOP = line("NOP");
    static final byte[] CLS = line("CLS");

    private Commands() {
    }

    static byte[] identify(byte[] json) {
        return withBody("IDENTIFY", json);
    }

    static byte[] auth(String secret) {
        return withBody("AUTH", secret.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] subscribe(String topic, String channel) {
        requireTopic(topic);
        if (!Names.isValidChannelName(channel)) {
            throw new IllegalArgumentException("invalid channel name '" + channel + "'");
        }
        return line("SUB " + topic + " " + channel);
    }

    static byte[] ready(int count) {
        return line("RDY " + count);
    }

    static byte[] finish(String messageId) {
        return line("FIN " + messageId);
    }

    static byte[] requeue(String messageId, Duration delay) {
        return line("REQ " + messageId + " " + delay.toMillis());
    }

    static byte[] touch(String messageId) {
        return line("TOUCH " + messageId);
    }

    static byte[] publish(String topic, byte[] body) {
        requireTopic(topic);
        return withBody("PUB " + topic, body);
    }

    static byte[] deferredPublish(String topic, Duration delay, byte[] body) {
        requireTopic(topic);
        return withBody("DPUB " + topic + " " + delay.toMillis(), body);
    }

    /** MPUB's body: [count int32] then [size int32][bytes] for each message. */
    static byte[] multiPublish(String topic, List<byte[]> bodies) {
        requireTopic(topic);
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("MPUB needs at least one message");
        }
        int size = 4;
        for (byte[] b : bodies) {
            size += 4 + b.length;
        }
        ByteBuffer body = ByteBuffer.allocate(size).putInt(bodies.size());
        for (byte[] b : bodies) {
            body.putInt(b.length).put(b);
        }
        return withBody("MPUB " + topic, body.array());
    }

    static void requireTopic(String topic) {
        // checked here so a bad name fails fast instead of costing a connection (nsqd closes it on E_BAD_TOPIC)
        if (!Names.isValidTopicName(topic)) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] withBody(String header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + 5 + body.length);
        out.writeBytes(line(header));
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(body);
        return out.toByteArray();
    }
}
