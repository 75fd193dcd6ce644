package io.nsqj.broker.core;

import io.nsqj.broker.storage.ReadPin;
import io.nsqj.protocol.MessageId;

import java.nio.ByteBuffer;

/**
 * One message on its way through a topic: just published, read back from a queue, in flight or deferred.
 * Queued messages are no Message objects but records in their topic's {@link MessageStore}. Each channel
 * holding a message in flight or deferred has its own Message (attempts and timeouts are per channel).
 * Owned by the topic's loop.
 */
public final class Message {
    /** Bytes before the body in nsqd's message layout: timestamp, attempts, id. */
    public static final int HEADER_LENGTH = 8 + 2 + MessageId.LENGTH;
    /** Bytes before the body in a queue record ({@link #encodeQueued}): the due time, then nsqd's layout. */
    public static final int QUEUED_HEADER_LENGTH = 8 + HEADER_LENGTH;

    final long id;
    final byte[] body;
    final long timestampNanos;
    int attempts;

    /**
     * When a DPUB'd message may first be delivered (epoch millis; 0: at once). An absolute time, kept in the
     * queue files too, so a delay survives waiting in a topic without channels, a restart and a crash.
     */
    long dueAtMillis;

    /** In-flight or deferred deadline (epoch millis), and place in the owning {@link TimeoutQueue}. */
    long deadline;
    /** Index in a {@link DeadlineHeap}, -1 if in none. */
    int queueIndex = -1;
    /** The queue whose list holds the message, and its neighbours there; null when not listed. */
    TimeoutQueue listedIn;
    Message prevDue;
    Message nextDue;
    /** When the message was last delivered, bounding TOUCH by max-msg-timeout. */
    long deliveredAt;
    Subscription owner;
    /**
     * Set while a channel holds the message without a pending-log record of it (the log refused the write):
     * the channel's disk queue then keeps its stored read position before the message.
     */
    ReadPin pin;
    /**
     * The record in the topic's {@link MessageStore} this message is, 0 if none: set while a fan-out passes one
     * message to several queues, which then share the record.
     */
    long storeRef;

    public Message(long id, byte[] body, long timestampNanos, int attempts) {
        this.id = id;
        this.body = body;
        this.timestampNanos = timestampNanos;
        this.attempts = attempts;
    }

    public long id() {
        return id;
    }

    public byte[] body() {
        return body;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    public int attempts() {
        return attempts;
    }

    Message copyForChannel() {
        Message copy = new Message(id, body, timestampNanos, attempts);
        copy.dueAtMillis = dueAtMillis;
        return copy;
    }

    /** nsqd's on-disk layout (the same as on the wire without the frame header). */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + body.length);
        out.putLong(timestampNanos).putShort((short) attempts).put(MessageId.toBytes(id)).put(body);
        return out.array();
    }

    public static Message decode(byte[] record) {
        if (record.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("invalid message buffer size (" + record.length + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(record);
        long ts = in.getLong();
        int attempts = Short.toUnsignedInt(in.getShort());
        long id = MessageId.parse(record, 10, MessageId.LENGTH);
        byte[] body = new byte[record.length - HEADER_LENGTH];
        System.arraycopy(record, HEADER_LENGTH, body, 0, body.length);
        return new Message(id, body, ts, attempts);
    }

    /** A topic's or channel's queue record: the due time, then nsqd's layout. */
    byte[] encodeQueued() {
        ByteBuffer out = ByteBuffer.allocate(QUEUED_HEADER_LENGTH + body.length);
        out.putLong(dueAtMillis).putLong(timestampNanos).putShort((short) attempts).put(MessageId.toBytes(id)).put(body);
        return out.array();
    }

    /** {@link #decodeQueued(byte[])} where the record lies in a buffer: the body is the only copy. */
    static Message decodeQueued(ByteBuffer in, int offset, int length) {
        if (length < QUEUED_HEADER_LENGTH) {
            throw new IllegalArgumentException("invalid queue record size (" + length + ")");
        }
        long id = MessageId.parse(in, offset + 8 + 10);
        byte[] body = new byte[length - QUEUED_HEADER_LENGTH];
        in.get(offset + QUEUED_HEADER_LENGTH, body);
        Message m = new Message(id, body, in.getLong(offset + 8), Short.toUnsignedInt(in.getShort(offset + 16)));
        m.dueAtMillis = in.getLong(offset);
        return m;
    }

    static Message decodeQueued(byte[] record) {
        return decodeQueued(ByteBuffer.wrap(record), 0, record.length);
    }
}
