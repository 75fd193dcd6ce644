package io.nsqj.broker.core;

import io.nsqj.broker.storage.DiskQueue;
import io.nsqj.broker.storage.PendingLog;
import io.nsqj.broker.storage.SegmentDeleter;
import io.nsqj.protocol.Names;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A topic: copies every published message to each of its channels. While it has no channel (or is paused)
 * messages wait in the topic's own queue. Owned by one loop ({@link #loop()}); every method but the
 * accessors of final fields must run there.
 */
public final class Topic {
    private static final System.Logger LOG = System.getLogger(Topic.class.getName());
    private static final long SCAN_INTERVAL_MILLIS = 100;
    /** Messages moved to channels per task, so a large backlog never stalls the loop's other work. */
    private static final int PUMP_BATCH = 4096;
    /** How long the pump waits after a channel's disk refused a message before offering it again. */
    private static final long FAN_OUT_RETRY_MILLIS = 1000;

    private final String name;
    private final boolean ephemeral;
    private final OwnerLoop loop;
    private final TopicOptions options;
    private final Executor blockingExecutor;
    private final SegmentDeleter deleter;
    private final TopicListener listener;
    private final MessageIdGenerator ids;
    /** Null unless the topic is durable and in {@link SyncMode#ALWAYS}. */
    private final GroupCommit commit;
    private final LoopMemory memory;
    /** One record per queued message, shared by the topic's queue and its channels'. */
    private final MessageStore store;
    private final BackedQueue queue;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final AutoCloseable scanTimer;
    private boolean paused;
    private boolean deleted;
    private boolean pumpScheduled;
    /** The channels that already have the head of the queue, after another channel refused it. */
    private Set<Channel> partialFanOut;
    private long pumpRetryAt;
    private long messageCount;
    private long messageBytes;

    /** {@code memory} is shared by every topic of {@code loop}. */
    public Topic(String name, OwnerLoop loop, LoopMemory memory, TopicOptions options,
                 Executor blockingExecutor, SegmentDeleter deleter, TopicListener listener) throws IOException {
        this.name = name;
        this.ephemeral = Names.isEphemeral(name);
        this.loop = loop;
        this.memory = memory;
        this.options = options;
        this.blockingExecutor = blockingExecutor;
        this.deleter = deleter;
        this.listener = listener;
        this.ids = new MessageIdGenerator(options.nodeId());
        this.commit = options.syncMode() == SyncMode.ALWAYS && !ephemeral
                ? new GroupCommit(loop, blockingExecutor) : null;
        this.store = new MessageStore(memory.queued());
        this.queue = newQueue(name);
        this.scanTimer = loop.schedulePeriodic(SCAN_INTERVAL_MILLIS, this::scan);
    }

    private BackedQueue newQueue(String backendName) throws IOException {
        return newQueue(backendName, options.memQueueSize());
    }

    private BackedQueue newQueue(String backendName, int memQueueSize) throws IOException {
        DiskQueue disk = ephemeral || Names.isEphemeral(backendName) ? null
                : new DiskQueue(options.dataPath(), backendName, options.maxBytesPerFile(),
                Message.QUEUED_HEADER_LENGTH + options.maxMsgSize(), options.syncEvery(), deleter);
        return new BackedQueue(memQueueSize, store, disk, blockingExecutor,
                options.syncTimeoutMillis(), commit);
    }

    /** '+' is in no valid name, so the spill's files never meet those of a channel called "c.deferred". */
    private DeferredSpill newSpill(String channelName) throws IOException {
        if (ephemeral || Names.isEphemeral(channelName)) {
            return null;
        }
        String spillName = name + ":" + channelName + "+deferred";
        return new DeferredSpill(() -> newQueue(spillName, 0), DiskQueue.exists(options.dataPath(), spillName));
    }

    private PendingLog newPendingLog(String channelName) throws IOException {
        return commit == null || Names.isEphemeral(channelName) ? null
                : new PendingLog(options.dataPath(), name + ":" + channelName, Message.HEADER_LENGTH + options.maxMsgSize());
    }

    public String name() {
        return name;
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public OwnerLoop loop() {
        return loop;
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /**
     * Publishes bodies as new messages, deferred by {@code deferMillis} if positive.
     * Throws when the topic is gone ("exiting", as nsqd says) or the disk refuses the write.
     */
    public void publish(List<byte[]> bodies, long deferMillis) throws IOException {
        if (deleted) {
            throw new IOException("exiting");
        }
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis * 1_000_000L;
        boolean direct = !paused && !channels.isEmpty() && queue.isEmpty();
        holdWrites();
        try {
            for (byte[] body : bodies) {
                Message m = new Message(ids.next(), body, now, 0);
                m.dueAtMillis = deferMillis > 0 ? nowMillis + deferMillis : 0;
                messageCount++;
                messageBytes += body.length;
                if (direct) {
                    fanOut(m);
                } else {
                    queue.put(m);
                }
            }
        } finally {
            // written before the publish returns, so before it is acknowledged
            releaseWrites();
        }
        if (!direct) {
            schedulePump();
        }
    }

    private void holdWrites() {
        queue.holdWrites();
        for (Channel channel : channels.values()) {
            channel.holdWrites();
        }
    }

    /** Every queue writes what it held, even after one failed; the first failure is thrown. */
    private void releaseWrites() throws IOException {
        IOException failure = null;
        try {
            queue.releaseWrites();
        } catch (IOException e) {
            failure = e;
        }
        for (Channel channel : channels.values()) {
            try {
                channel.releaseWrites();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Puts bodies as new messages into one channel only, creating it as SUB would; the topic's other channels
     * never see them. For messages moved here from the same channel on another broker, which the channels
     * there already had their own copies of. They skip the topic's queue, so a paused topic does not hold them
     * back, and they count in the channel's message count, not the topic's. Throws when the topic is gone or
     * the disk refuses a message; the messages before it are then in the channel.
     */
    public void putInChannel(String channelName, List<byte[]> bodies, long deferMillis) throws IOException {
        Channel channel = getOrCreateChannel(channelName);
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis * 1_000_000L;
        for (byte[] body : bodies) {
            Message m = new Message(ids.next(), body, now, 0);
            m.dueAtMillis = deferMillis > 0 ? nowMillis + deferMillis : 0;
            channel.put(m);
        }
    }

    /**
     * Completes once everything published so far is on disk: at once unless in {@link SyncMode#ALWAYS},
     * exceptionally when the fsync failed. A publish is acknowledged only after this.
     */
    public CompletableFuture<Void> whenDurable() {
        return commit == null ? CompletableFuture.completedFuture(null) : commit.durable();
    }

    /** Every channel's queue takes the same record of the topic's store (each channel copies what it defers). */
    private void fanOut(Message m) throws ChannelRefusedException {
        long held = m.storeRef;
        try {
            for (Channel channel : channels.values()) {
                try {
                    channel.put(m);
                } catch (IOException e) {
                    throw new ChannelRefusedException(channel.name(), channelsBefore(channel), e);
                }
            }
        } finally {
            forgetRecordOfThisFanOut(m, held);
        }
    }

    /**
     * A record made during a fan-out lives only as long as the channels that took it hold it: a later fan-out
     * of the same message (after a refusal) must not count on it. The topic queue's own record stays valid.
     */
    private static void forgetRecordOfThisFanOut(Message m, long held) {
        m.storeRef = held;
    }

    private Set<Channel> channelsBefore(Channel refusing) {
        Set<Channel> before = new HashSet<>();
        for (Channel channel : channels.values()) {
            if (channel == refusing) {
                break;
            }
            before.add(channel);
        }
        return before;
    }

    private void schedulePump() {
        if (!pumpScheduled && !paused && !channels.isEmpty()) {
            pumpScheduled = true;
            loop.execute(this::pump);
        }
    }

    /**
     * Moves queued messages to the channels. A message leaves the topic's queue only once every channel has
     * it; when a channel's disk refuses it, the channels that have it are remembered and the rest are tried
     * again after a pause.
     */
    private void pump() {
        pumpScheduled = false;
        if (paused || deleted || channels.isEmpty() || System.currentTimeMillis() < pumpRetryAt) {
            return;
        }
        for (int i = 0; i < PUMP_BATCH; i++) {
            Message m = queue.peek();
            if (m == null) {
                return;
            }
            try {
                if (partialFanOut == null) {
                    fanOut(m);
                } else {
                    finishPartialFanOut(m);
                }
            } catch (ChannelRefusedException e) {
                if (partialFanOut == null) {
                    partialFanOut = e.channelsDone;
                }
                pumpRetryAt = System.currentTimeMillis() + FAN_OUT_RETRY_MILLIS;
                LOG.log(System.Logger.Level.ERROR, "topic " + name + " failed to pass a message to channel "
                        + e.refusing + ", retrying in " + FAN_OUT_RETRY_MILLIS + " ms", e.getCause());
                return;
            }
            partialFanOut = null;
            queue.poll();
        }
        schedulePump();
    }

    private void finishPartialFanOut(Message m) throws ChannelRefusedException {
        long held = m.storeRef;
        try {
            for (Channel channel : channels.values()) {
                if (!partialFanOut.contains(channel)) {
                    try {
                        channel.put(m);
                    } catch (IOException e) {
                        throw new ChannelRefusedException(channel.name(), partialFanOut, e);
                    }
                    partialFanOut.add(channel);
                }
            }
        } finally {
            forgetRecordOfThisFanOut(m, held);
        }
    }

    public Channel channel(String channelName) {
        return channels.get(channelName);
    }

    public List<Channel> channels() {
        return new ArrayList<>(channels.values());
    }

    public Channel getOrCreateChannel(String channelName) throws IOException {
        if (deleted) {
            throw new IOException("exiting");
        }
        Channel channel = channels.get(channelName);
        if (channel == null) {
            channel = new Channel(channelName, this, newQueue(name + ":" + channelName), newSpill(channelName),
                    memory, options,
                    newPendingLog(channelName), commit);
            channels.put(channelName, channel);
            listener.channelCreated(this, channel);
            schedulePump();
        }
        return channel;
    }

    /** Restores a channel recorded in the metadata at start-up. */
    public void restoreChannel(String channelName, boolean channelPaused) throws IOException {
        Channel channel = getOrCreateChannel(channelName);
        if (channelPaused) {
            channel.pause();
        }
    }

    public Subscription subscribe(String channelName, Subscriber subscriber, long msgTimeoutMillis, int sampleRate)
            throws IOException, ChannelFullException {
        return getOrCreateChannel(channelName).subscribe(subscriber, msgTimeoutMillis, sampleRate);
    }

    /** Returns false when there is no such channel. */
    public boolean deleteChannel(String channelName) {
        Channel channel = channels.remove(channelName);
        if (channel == null) {
            return false;
        }
        try {
            channel.delete();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to delete files of channel " + channelName, e);
        }
        listener.channelDeleted(this, channel);
        if (ephemeral && channels.isEmpty()) {
            delete();
            listener.topicDeleted(this);
        }
        return true;
    }

    public void pause() {
        paused = true;
        listener.metadataChanged();
    }

    public void unpause() {
        paused = false;
        listener.metadataChanged();
        schedulePump();
    }

    public void pauseChannel(Channel channel, boolean pause) {
        if (pause) {
            channel.pause();
        } else {
            channel.unpause();
        }
        listener.metadataChanged();
    }

    /** Empties the topic's own queue (not its channels'), as nsqd's /topic/empty. */
    public void empty() throws IOException {
        partialFanOut = null;
        queue.empty();
    }

    /** Deletes the topic with its channels and files; their clients are disconnected. */
    public void delete() {
        if (deleted) {
            return;
        }
        for (Channel channel : new ArrayList<>(channels.values())) {
            try {
                channel.delete();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "failed to delete files of channel " + channel.name(), e);
            }
        }
        channels.clear();
        deleted = true;
        stopScan();
        try {
            queue.deleteFiles();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to delete files of topic " + name, e);
        }
        store.trim();
    }

    /** Graceful shutdown: everything held in memory goes to the disk queues. */
    public void persist() {
        stopScan();
        deleted = true;
        for (Channel channel : channels.values()) {
            try {
                channel.persist();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "failed to persist channel " + channel.name(), e);
            }
        }
        try {
            queue.persist(List.of());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to persist topic " + name, e);
        }
        store.trim();
    }

    private void stopScan() {
        try {
            scanTimer.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "failed to stop the scan timer of " + name, e);
        }
    }

    private void scan() {
        if (deleted) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Channel channel : channels.values()) {
            try {
                channel.processTimeouts(now);
            } catch (RuntimeException e) {
                // one channel's broken disk must not stop the others' timeouts or the topic's syncs
                LOG.log(System.Logger.Level.ERROR, "topic " + name + ": scan of channel " + channel.name()
                        + " failed", e);
            }
        }
        if (pumpRetryAt != 0 && now >= pumpRetryAt) {
            pumpRetryAt = 0;
            schedulePump();
        }
        queue.syncIfStale(now);
        store.trim();
        if (commit != null) {
            commit.syncIfDirty();
        }
    }

    public TopicStats stats(String channelFilter, boolean includeClients) {
        List<ChannelStats> channelStats = new ArrayList<>();
        channels.values().stream()
                .filter(c -> channelFilter == null || channelFilter.isEmpty() || c.name().equals(channelFilter))
                .sorted(java.util.Comparator.comparing(Channel::name))
                .forEach(c -> channelStats.add(c.stats(includeClients)));
        return new TopicStats(name, channelStats, queue.depth(), queue.backendDepth(), queue.backendBytes(),
                messageCount, messageBytes, paused, LatencySummary.EMPTY);
    }

    /** A channel refused a message (its disk did); the channels before it have the message. */
    private static final class ChannelRefusedException extends IOException {
        final String refusing;
        final Set<Channel> channelsDone;

        ChannelRefusedException(String refusing, Set<Channel> channelsDone, IOException cause) {
            super("channel " + refusing + ": " + cause.getMessage(), cause);
            this.refusing = refusing;
            this.channelsDone = channelsDone;
        }
    }
}
