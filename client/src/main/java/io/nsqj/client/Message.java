package io.nsqj.client;

import io.nsqj.protocol.MessageId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message delivered to a consumer. It is answered exactly once, by {@link #finish()} or {@link #requeue},
 * automatically after the handler unless {@link #disableAutoResponse()} was called; later answers are ignored
 * because nsqd would reject them.
 */
public final class Message {
    /** timestamp int64 + attempts uint16 + id, before the body. */
    private static final int HEADER_LENGTH = 8 + 2 + MessageId.LENGTH;

    private final String id;
    private final int attempts;
    private final long timestampNanos;
    private final byte[] body;
    private final MessageResponder responder;
    private final AtomicBoolean responded = new AtomicBoolean();
    private volatile boolean autoResponseDisabled;

    Message(String id, int attempts, long timestampNanos, byte[] body, MessageResponder responder) {
        this.id = id;
        this.attempts = attempts;
        this.timestampNanos = timestampNanos;
        this.body = body;
        this.responder = responder;
    }

    /** Decodes a message frame's data: [timestamp int64][attempts uint16][id 16 bytes][body]. */
    static Message decode(byte[] data, MessageResponder responder) {
        if (data.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("message frame of " + data.length + " bytes is too short");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        long timestamp = b.getLong();
        int attempts = Short.toUnsignedInt(b.getShort());
        String id = new String(data, 10, MessageId.LENGTH, StandardCharsets.US_ASCII);
        return new Message(id, attempts, timestamp, Arrays.copyOfRange(data, HEADER_LENGTH, data.length), responder);
    }

    public String id() {
        return id;
    }

    /** How many times nsqd has delivered this message, this delivery included. */
    public int attempts() {
        return attempts;
    }

    /** When nsqd received the message. */
    public Instant timestamp() {
        return Instant.ofEpochSecond(0, timestampNanos);
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** FIN: done with it. */
    public void finish() {
        if (responded.compareAndSet(false, true)) {
            responder.finish(this);
        }
    }

    /** REQ: deliver it again after the delay; the consumer backs off as after a failure. */
    public void requeue(Duration delay) {
        if (responded.compareAndSet(false, true)) {
            responder.requeue(this, delay, true);
        }
    }

    /** REQ without slowing the consumer down: the message is fine, just not processable yet. */
    public void requeueWithoutBackoff(Duration delay) {
        if (responded.compareAndSet(false, true)) {
            responder.requeue(this, delay, false);
        }
    }

    /** TOUCH: restarts nsqd's timeout for this message while the handler is still at it. */
    public void touch() {
        if (!responded.get()) {
            responder.touch(this);
        }
    }

    /** Leaves the answer to the application, which then must finish or requeue the message itself. */
    public void disableAutoResponse() {
        autoResponseDisabled = true;
    }

    public boolean isAutoResponseDisabled() {
        return autoResponseDisabled;
    }

    public boolean hasResponded() {
        return responded.get();
    }
}
