package io.nsqj.broker.tcp;

import io.netty.buffer.Unpooled;
import io.nsqj.broker.auth.AuthServers;
import io.nsqj.broker.core.Channel;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.SyncMode;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicListener;
import io.nsqj.broker.core.TopicOptions;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.security.ServerTls;
import io.nsqj.broker.storage.SegmentDeleter;
import io.nsqj.protocol.FrameType;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One protocol V2 connection over a {@link FakeSocket}, to a broker of its own whose topics live in a
 * temporary folder, with small limits so that fuzzed input reaches them. Nothing runs on its own: every
 * handed-over task runs when a chunk has been read, as if the loops kept up with the socket.
 */
final class FakeConnection implements AutoCloseable {
    static final ProtocolLimits LIMITS = new ProtocolLimits(256, 1024, 100, 60_000, 60_000, 900_000, 30_000,
            60_000, 250, 1, 30_000, 65_536, 6);
    /**
     * Topics fsync (every publish with sync-mode=always): on a real disk that makes fuzzing ten times slower.
     * In memory where the system offers a tmpfs, else in the default temporary folder.
     */
    private static final Path MEMORY_DISK = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    /** Timestamp, attempts and id before a message's body. */
    private static final int MESSAGE_HEADER = 8 + 2 + 16;

    private final Path dataPath;
    private final QueuedLoop loop;
    /** Whether each read runs what it handed over; false when the test runs the loops itself. */
    private final boolean drainsAfterRead;
    private final TopicRegistry topics;
    private final FakeSocket socket = new FakeSocket();
    private final ClientConnection client;
    private final ProtocolV2 protocol;

    FakeConnection(SyncMode syncMode) throws IOException {
        this(syncMode, new QueuedLoop(), null, true);
    }

    /**
     * A connection whose loop and topics' loops the test runs by hand, in the order it chooses, as if each
     * had a thread of its own: each new topic takes the next loop of {@code topicLoops}.
     */
    FakeConnection(SyncMode syncMode, QueuedLoop connectionLoop, Supplier<OwnerLoop> topicLoops) throws IOException {
        this(syncMode, connectionLoop, topicLoops, false);
    }

    private FakeConnection(SyncMode syncMode, QueuedLoop connectionLoop, Supplier<OwnerLoop> topicLoops,
                           boolean drainsAfterRead) throws IOException {
        this.loop = connectionLoop;
        this.drainsAfterRead = drainsAfterRead;
        dataPath = Files.createTempDirectory(MEMORY_DISK, "fuzz-broker");
        TopicOptions options = new TopicOptions(dataPath, 1, 2, 4096, LIMITS.maxMsgSize(), 2500, 2000,
                LIMITS.msgTimeoutMillis(), LIMITS.maxMsgTimeoutMillis(), 0, syncMode, 1 << 20, 1 << 20, 1 << 20);
        topics = new TopicRegistry(topicLoops != null ? topicLoops : () -> connectionLoop, options, Runnable::run,
                SegmentDeleter.atOnce(), new Unlistened());
        ClientRegistry clients = new ClientRegistry();
        client = new ClientConnection(clients.nextId(), socket.socket(), NoTimers.vertx(), clients, LIMITS);
        clients.add(client);
        NegotiableFeatures plain = new NegotiableFeatures(ServerTls.disabled(), false, false,
                new AuthServers(List.of(), "get", Duration.ofSeconds(2), Duration.ofSeconds(5)));
        protocol = new ProtocolV2(client, topics, LIMITS, loop, "fuzz", plain);
    }

    FakeSocket socket() {
        return socket;
    }

    /**
     * Delivers one read to the protocol, unless the broker closed the connection already. As a real socket's
     * buffer, the bytes are lent for the call only: they are overwritten right after, so that whatever the
     * protocol kept of them without a copy shows up as garbage in its answers.
     */
    void read(byte[] chunk) {
        if (!socket.isClosed() && !socket.isPaused()) {
            byte[] lent = chunk.clone();
            protocol.handleBorrowed(Buffer.buffer(Unpooled.wrappedBuffer(lent)));
            Arrays.fill(lent, (byte) '#');
            if (drainsAfterRead) {
                loop.drain();
            }
        }
    }

    /**
     * The client's view: every reply and error in the order written, and whether the broker hung up. Messages
     * are only checked to be well-formed: which of them go out before a CLS or RDY 0 takes effect depends on
     * when the topic's loop runs, in nsqd as here.
     */
    Output output() {
        List<String> replies = frames().stream().filter(frame -> !frame.equals("message")).toList();
        return new Output(replies, socket.isClosed());
    }

    /**
     * Every frame written, in order, each checked to be whole: "message" for a well-formed message, else its
     * type and text ("0:OK", "1:E_INVALID ...").
     */
    List<String> frames() {
        Buffer in = socket.written();
        List<String> frames = new ArrayList<>();
        int pos = 0;
        while (pos < in.length()) {
            if (in.length() - pos < 8) {
                throw new AssertionError("torn frame header at " + pos);
            }
            int size = in.getInt(pos);
            int type = in.getInt(pos + 4);
            if (size < 4 || in.length() - pos - 4 < size) {
                throw new AssertionError("frame size " + size + " at " + pos + " of " + in.length());
            }
            byte[] data = in.getBytes(pos + 8, pos + 4 + size);
            switch (type) {
                case FrameType.RESPONSE, FrameType.ERROR -> frames.add(type + ":" + latin1(data));
                case FrameType.MESSAGE -> {
                    if (data.length <= MESSAGE_HEADER || data.length > MESSAGE_HEADER + LIMITS.maxMsgSize()) {
                        throw new AssertionError("message frame of " + data.length + " bytes");
                    }
                    frames.add("message");
                }
                default -> throw new AssertionError("frame type " + type);
            }
            pos += 4 + size;
        }
        return frames;
    }

    /** A client's PUB of a one-byte body to {@code topic}. */
    static byte[] pub(String topic) {
        byte[] line = ascii("PUB " + topic + "\n");
        return ByteBuffer.allocate(line.length + 5).put(line).putInt(1).put((byte) 'x').array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The client hangs up; the broker forgets it and its topics are deleted with their files. */
    @Override
    public void close() throws IOException {
        client.closed();
        protocol.connectionClosed();
        loop.drain();
        for (Topic t : topics.all()) {
            topics.delete(t.name());
        }
        loop.drain();
        try (Stream<Path> files = Files.walk(dataPath)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    record Output(List<String> replies, boolean closedByBroker) {
    }

    private static final class Unlistened implements TopicListener {
        @Override
        public void topicCreated(Topic topic) {
        }

        @Override
        public void channelCreated(Topic topic, Channel channel) {
        }

        @Override
        public void channelDeleted(Topic topic, Channel channel) {
        }

        @Override
        public void topicDeleted(Topic topic) {
        }

        @Override
        public void metadataChanged() {
        }
    }
}
