package io.nsqj.broker.core;

import io.nsqj.broker.storage.PendingLog;
import io.nsqj.protocol.Names;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A channel: its own copy of every message of the topic, handed to one of its subscribers at a time.
 * Holds the queue (memory + disk), the in-flight messages with their timeouts and the deferred ones.
 * In {@link SyncMode#ALWAYS} the in-flight and deferred messages are also recorded in a {@link PendingLog}
 * until they are finished or back in the queue; after a crash they are restored as deferred messages
 * (in-flight ones due at once).
 * Owned by the topic's loop: every method must run there.
 */
public final class Channel {
    private static final System.Logger LOG = System.getLogger(Channel.class.getName());
    /** How long a message the disk queue refused waits before it is offered to the queue again. */
    private static final long REQUEUE_RETRY_MILLIS = 1000;
    private static final long HOLD_FAILURE_LOG_INTERVAL_MILLIS = 1000;
    /** Spilled deferred messages looked at per scan (every 100 ms). */
    private static final int SPILL_BATCH = 1024;
    /** The most messages a delivery round gives one subscriber before picking the next with RDY room. */
    private static final int DELIVERY_RUN = 32;

    private final String name;
    private final Topic topic;
    private final boolean ephemeral;
    private final BackedQueue queue;
    private final TopicOptions options;
    /** Null unless the channel is durable and in {@link SyncMode#ALWAYS}; then {@code commit} is set too. */
    private final PendingLog pendingLog;
    private final GroupCommit commit;
    private final InFlightMessages inFlight;
    private final TimeoutQueue inFlightTimeouts = new TimeoutQueue();
    private final DeferredMessages deferred;
    /** Null for an ephemeral channel, which has no disk: its deferred messages all stay in memory. */
    private final DeferredSpill spill;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private int nextSubscription;
    private boolean paused;
    private boolean deleted;
    private boolean pumpScheduled;
    private long messageCount;
    private long requeueCount;
    private long timeoutCount;
    private long holdFailures;
    private long holdFailureLoggedAt;

    Channel(String name, Topic topic, BackedQueue queue, DeferredSpill spill, LoopMemory memory,
            TopicOptions options, PendingLog pendingLog, GroupCommit commit) {
        this.name = name;
        this.inFlight = new InFlightMessages(memory.inFlight());
        this.deferred = new DeferredMessages(memory.deferred());
        this.spill = spill;
        this.topic = topic;
        this.ephemeral = Names.isEphemeral(name);
        this.queue = queue;
        this.options = options;
        this.pendingLog = pendingLog;
        this.commit = commit;
        if (pendingLog != null) {
            restorePending();
        }
    }

    /** What was in flight or deferred when the broker stopped: deferred again, until its old due time. */
    private void restorePending() {
        for (PendingLog.Entry entry : pendingLog.recovered()) {
            try {
                Message m = Message.decode(entry.message());
                m.deadline = entry.dueMillis();
                deferred.add(m);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.ERROR, "channel " + name + ": undecodable pending message - "
                        + e.getMessage());
            }
        }
    }

    public String name() {
        return name;
    }

    public Topic topic() {
        return topic;
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public boolean isPaused() {
        return paused;
    }

    /**
     * Throws when the disk refuses the message; the channel then does not have it. {@code m} may be passed to
     * the topic's other channels too: the channel keeps no reference to it, only a copy when it defers it.
     */
    void put(Message m) throws IOException {
        if (m.dueAtMillis > System.currentTimeMillis()) {
            if (spill != null && !deferred.hasRoomFor(m)) {
                spill.put(m);
            } else {
                m = m.copyForChannel();
                m.deadline = m.dueAtMillis;
                try {
                    recordHeld(m, m.deadline);
                    deferred.add(m);
                } catch (IOException e) {
                    if (spill == null) {
                        throw e;
                    }
                    // the spill is durable without a pending-log record
                    spill.put(m);
                }
            }
        } else {
            if (!queue.put(m)) {
                LOG.log(System.Logger.Level.DEBUG, "ephemeral channel " + name + " full, message dropped");
            }
            schedulePump();
        }
        messageCount++;
    }

    /** For a publish of many messages: their disk writes go out together (see {@link BackedQueue#holdWrites}). */
    void holdWrites() {
        queue.holdWrites();
    }

    void releaseWrites() throws IOException {
        queue.releaseWrites();
    }

    /** Back into the queue; when the disk refuses it (full), it stays deferred and is offered again later. */
    private void requeue(Message m) {
        try {
            queue.put(m);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "channel " + name + " could not requeue a message, retrying in "
                    + REQUEUE_RETRY_MILLIS + " ms", e);
            m.deadline = System.currentTimeMillis() + REQUEUE_RETRY_MILLIS;
            deferred.add(m);
            holdOrKeep(m, m.deadline);
            return;
        }
        release(m);
        schedulePump();
    }

    /**
     * Records in the pending log that the channel holds the message outside its queue until {@code dueMillis}
     * (0: in flight). Throws when the log refuses the write.
     */
    private void recordHeld(Message m, long dueMillis) throws IOException {
        if (pendingLog == null) {
            return;
        }
        pendingLog.hold(m.id, dueMillis, m.encode());
        commit.pendingLogChanged(this);
        if (m.pin != null) {
            queue.unpin(m.pin);
            m.pin = null;
        }
    }

    /**
     * For a message just polled from the queue: when the pending log refuses it, the queue's stored read
     * position stays before it instead, so a crash delivers it again (with what was read after it).
     */
    private void holdOrPin(Message m, long dueMillis) {
        try {
            recordHeld(m, dueMillis);
        } catch (IOException e) {
            m.pin = queue.pinLastPolled();
            logHoldFailure(m.pin == null ? "a crash before it is finished would lose it"
                    : "the queue keeps it until it is finished", e);
        }
    }

    /** For a message already held: its earlier record (or read pin) still covers it when this one is refused. */
    private void holdOrKeep(Message m, long dueMillis) {
        try {
            recordHeld(m, dueMillis);
        } catch (IOException e) {
            logHoldFailure("its earlier record stands, a crash would deliver it at once", e);
        }
    }

    private void logHoldFailure(String consequence, IOException e) {
        long now = System.currentTimeMillis();
        holdFailures++;
        if (now - holdFailureLoggedAt >= HOLD_FAILURE_LOG_INTERVAL_MILLIS) {
            holdFailureLoggedAt = now;
            LOG.log(System.Logger.Level.ERROR, "channel " + name + " could not record a message in flight or "
                    + "deferred (" + holdFailures + " so far): " + consequence + " - " + e);
        }
    }

    private void release(Message m) {
        if (m.pin != null) {
            // never recorded as held: nothing to take back in the log
            queue.unpin(m.pin);
            m.pin = null;
            return;
        }
        if (pendingLog == null) {
            return;
        }
        try {
            pendingLog.release(m.id);
            commit.pendingLogChanged(this);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "channel " + name + " could not record that a message is no "
                    + "longer held; a crash would deliver it again", e);
        }
    }

    /**
     * Sends a message due at its {@link Message#dueAtMillis} to the spill when the loop's deferred budget has
     * no room for it; false when it should wait in memory (room, no spill, or the spill's disk refused it).
     */
    private boolean spilled(Message m) {
        if (spill == null || deferred.hasRoomFor(m)) {
            return false;
        }
        try {
            spill.put(m);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "channel " + name + " could not spill a deferred message to disk, "
                    + "keeping it in memory", e);
            return false;
        }
    }

    /** What the spill hands back: due messages into the queue, others into memory while there is room. */
    private final DeferredSpill.Target spillTarget = new DeferredSpill.Target() {
        @Override
        public void takeDue(Message m) throws IOException {
            queue.put(m);
            schedulePump();
        }

        @Override
        public boolean tryTakeDeferred(Message m) {
            if (!deferred.hasRoomFor(m)) {
                return false;
            }
            try {
                recordHeld(m, m.dueAtMillis);
            } catch (IOException e) {
                return false;
            }
            m.deadline = m.dueAtMillis;
            deferred.add(m);
            return true;
        }
    };

    private void schedulePump() {
        if (!pumpScheduled && !subscriptions.isEmpty()) {
            pumpScheduled = true;
            topic.loop().execute(this::pump);
        }
    }

    /** Hands queued messages to subscribers with room under their RDY, one batch write per subscriber. */
    void pump() {
        pumpScheduled = false;
        if (paused || deleted || subscriptions.isEmpty()) {
            return;
        }
        List<Subscription> touched = new ArrayList<>(4);
        long now = System.currentTimeMillis();
        try {
            deliver(now, touched);
        } finally {
            // even when a disk read failed midway: what was put in flight goes out
            for (Subscription sub : touched) {
                sub.flush();
            }
        }
    }

    private void deliver(long now, List<Subscription> touched) {
        Subscription sub = null;
        int run = 0;
        while (true) {
            if (run == 0 || sub.closing || sub.inFlightCount >= sub.readyCount) {
                // a run of messages per subscriber, not one each: the pick (and its socket's writability)
                // costs once per run, and the run's frames lie together in one buffer; a short queue is still
                // shared out one by one, so that a few slow jobs go to different workers
                sub = nextReadySubscription();
                if (sub == null) {
                    break;
                }
                run = (int) Math.max(1, Math.min(DELIVERY_RUN, queue.depth() / (2L * subscriptions.size())));
                if (!touched.contains(sub)) {
                    touched.add(sub);
                }
            }
            Message m = queue.peek();
            if (m == null) {
                break;
            }
            if (m.dueAtMillis > now) {
                // written to disk while deferred (at shutdown): it waits for its time again
                boolean toSpill = spilled(m);
                queue.poll();
                if (!toSpill) {
                    m.deadline = m.dueAtMillis;
                    deferred.add(m);
                    holdOrPin(m, m.deadline);
                }
                continue;
            }
            if (!inFlight.hasRoomFor(m)) {
                // the loop's in-flight budget is spent: the periodic scan tries again once some are finished
                break;
            }
            queue.poll();
            Message twin = inFlight.putIfAbsent(m);
            if (twin != null) {
                // read again after a crash (from the pending log, the topic's queue or the spill, and from the
                // queue): one delivery at a time; the twin's record is renewed, as a requeue of another copy may
                // have released the id
                if (twin.pin == null) {
                    holdOrPin(twin, 0);
                }
                continue;
            }
            if (sub.sampleRate > 0 && ThreadLocalRandom.current().nextInt(100) > sub.sampleRate) {
                inFlight.remove(m.id);
                continue;
            }
            if (m.attempts < 0xFFFF) {
                m.attempts++;
            }
            m.owner = sub;
            m.deliveredAt = now;
            m.deadline = now + sub.msgTimeoutMillis;
            inFlightTimeouts.add(m);
            holdOrPin(m, 0);
            sub.inFlightCount++;
            sub.messageCount++;
            run--;
            sub.append(m, queue.depth());
        }
    }

    private Subscription nextReadySubscription() {
        int n = subscriptions.size();
        for (int i = 0; i < n; i++) {
            int idx = (nextSubscription + i) % n;
            Subscription sub = subscriptions.get(idx);
            if (sub.canReceive()) {
                nextSubscription = (idx + 1) % n;
                return sub;
            }
        }
        return null;
    }

    /** Returns null on success, else nsqd's reason ("ID not in flight", "client does not own message"). */
    public String finish(Subscription sub, long id) {
        Message m = popInFlight(sub, id);
        if (m == null) {
            return inFlightError(sub, id);
        }
        sub.finishCount++;
        release(m);
        schedulePump();
        return null;
    }

    public String requeue(Subscription sub, long id, long delayMillis) {
        Message m = popInFlight(sub, id);
        if (m == null) {
            return inFlightError(sub, id);
        }
        sub.requeueCount++;
        requeueCount++;
        if (delayMillis <= 0) {
            requeue(m);
            return null;
        }
        m.dueAtMillis = System.currentTimeMillis() + delayMillis;
        if (spilled(m)) {
            release(m);
        } else {
            m.deadline = m.dueAtMillis;
            deferred.add(m);
            holdOrKeep(m, m.deadline);
        }
        schedulePump();
        return null;
    }

    public String touch(Subscription sub, long id) {
        Message m = inFlight.get(id);
        if (m == null || m.owner != sub) {
            return inFlightError(sub, id);
        }
        inFlightTimeouts.remove(m);
        long newDeadline = System.currentTimeMillis() + sub.msgTimeoutMillis;
        m.deadline = Math.min(newDeadline, m.deliveredAt + options.maxMsgTimeoutMillis());
        inFlightTimeouts.add(m);
        return null;
    }

    private Message popInFlight(Subscription sub, long id) {
        Message m = inFlight.removeOwnedBy(id, sub);
        if (m == null) {
            return null;
        }
        inFlightTimeouts.remove(m);
        m.owner = null;
        sub.inFlightCount--;
        return m;
    }

    private String inFlightError(Subscription sub, long id) {
        Message m = inFlight.get(id);
        return m == null ? "ID not in flight" : "client does not own message";
    }

    /** The subscriber's socket, full when the last delivery round skipped it, can take messages again. */
    public void subscriberWritable(Subscription sub) {
        schedulePump();
    }

    public void setReady(Subscription sub, long count) {
        sub.readyCount = count;
        schedulePump();
    }

    /** CLS: no more messages for this client, but it may still FIN what it holds. */
    public void startClose(Subscription sub) {
        sub.readyCount = 0;
        sub.closing = true;
    }

    Subscription subscribe(Subscriber subscriber, long msgTimeoutMillis, int sampleRate) throws ChannelFullException {
        if (options.maxChannelConsumers() > 0 && subscriptions.size() >= options.maxChannelConsumers()) {
            throw new ChannelFullException("consumers for " + topic.name() + ":" + name + " exceeds limit of "
                    + options.maxChannelConsumers());
        }
        Subscription sub = new Subscription(subscriber, this, msgTimeoutMillis, sampleRate);
        subscriptions.add(sub);
        return sub;
    }

    /**
     * The client went away. Unlike nsqd, which lets its in-flight messages time out, they are requeued at
     * once: another consumer gets them without waiting msg-timeout.
     */
    public void unsubscribe(Subscription sub) {
        if (!subscriptions.remove(sub) || deleted) {
            // after a delete or a shutdown's persist the files are closed: what it held is on disk already
            return;
        }
        if (sub.inFlightCount > 0) {
            List<Message> owned = new ArrayList<>();
            for (Message m : inFlight.values()) {
                if (m.owner == sub) {
                    owned.add(m);
                }
            }
            for (Message m : owned) {
                inFlight.remove(m.id);
                inFlightTimeouts.remove(m);
                m.owner = null;
                requeue(m);
            }
            sub.inFlightCount = 0;
        }
        if (ephemeral && subscriptions.isEmpty()) {
            topic.deleteChannel(name);
        } else {
            schedulePump();
        }
    }

    /** Periodic scan: in-flight messages past their timeout go back to the queue, due deferred ones too. */
    void processTimeouts(long now) {
        Message m;
        while ((m = inFlightTimeouts.pollDue(now)) != null) {
            inFlight.remove(m.id);
            Subscription owner = m.owner;
            m.owner = null;
            if (owner != null) {
                owner.inFlightCount--;
            }
            timeoutCount++;
            requeue(m);
        }
        while ((m = deferred.pollDue(now)) != null) {
            requeue(m);
        }
        if (spill != null) {
            try {
                spill.drain(now, SPILL_BATCH, spillTarget);
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.log(System.Logger.Level.ERROR, "channel " + name + " could not move spilled deferred messages "
                        + "on, retrying on the next scan - " + e);
            }
            spill.syncIfStale(now);
        }
        if (!queue.isEmpty()) {
            // a subscriber skipped while its socket was full gets its messages once it drained
            schedulePump();
        }
        queue.syncIfStale(now);
    }

    public void pause() {
        paused = true;
    }

    public void unpause() {
        paused = false;
        schedulePump();
    }

    /** Drops every queued, in-flight and deferred message; clients' in-flight counts go back to zero. */
    public void empty() throws IOException {
        inFlight.clear();
        inFlightTimeouts.drainTo(m -> m.owner = null);
        deferred.drainTo(m -> { });
        for (Subscription sub : subscriptions) {
            sub.inFlightCount = 0;
        }
        queue.empty();
        if (spill != null) {
            spill.empty();
        }
        if (pendingLog != null) {
            pendingLog.clear();
        }
        schedulePump();
    }

    void delete() throws IOException {
        deleted = true;
        for (Subscription sub : new ArrayList<>(subscriptions)) {
            sub.subscriber.close();
        }
        subscriptions.clear();
        inFlight.clear();
        inFlightTimeouts.drainTo(m -> { });
        deferred.drainTo(m -> { });
        // every file goes even when one refuses: a channel made again under this name must not find old ones
        IOException failure = null;
        try {
            queue.deleteFiles();
        } catch (IOException e) {
            failure = e;
        }
        try {
            if (spill != null) {
                spill.deleteFiles();
            }
        } catch (IOException e) {
            failure = failure == null ? e : addSuppressed(failure, e);
        }
        try {
            if (pendingLog != null) {
                pendingLog.deleteFile();
            }
        } catch (IOException e) {
            failure = failure == null ? e : addSuppressed(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException addSuppressed(IOException first, IOException next) {
        first.addSuppressed(next);
        return first;
    }

    /**
     * Graceful shutdown: queued, in-flight and deferred messages all go to disk; deferred ones keep their due
     * time (in the queue record without a pending log, in the pending log with one).
     */
    void persist() throws IOException {
        deleted = true;
        if (spill != null) {
            spill.persist();
        }
        if (pendingLog != null) {
            pendingLog.close();
            queue.persist(List.of());
            return;
        }
        List<Message> rest = new ArrayList<>(inFlightTimeouts.size() + deferred.size());
        inFlightTimeouts.drainTo(rest::add);
        deferred.drainTo(m -> {
            m.dueAtMillis = m.deadline;
            rest.add(m);
        });
        inFlight.clear();
        queue.persist(rest);
    }

    /** For the group commit: makes the pending log durable, compacting it when it has grown. */
    Runnable preparePendingLogSync() throws IOException {
        return pendingLog.prepareSync(this::pendingEntries);
    }

    private List<PendingLog.Entry> pendingEntries() {
        List<PendingLog.Entry> entries = new ArrayList<>(inFlight.size() + deferred.size());
        inFlightTimeouts.forEach(m -> entries.add(new PendingLog.Entry(m.id, 0, m.encode())));
        deferred.forEach(m -> entries.add(new PendingLog.Entry(m.id, m.deadline, m.encode())));
        return entries;
    }

    private long deferredCount() {
        return deferred.size() + (spill == null ? 0 : spill.depth());
    }

    boolean isDeleted() {
        return deleted;
    }

    int subscriberCount() {
        return subscriptions.size();
    }

    ChannelStats stats(boolean includeClients) {
        List<ClientStats> clients = new ArrayList<>();
        if (includeClients) {
            for (Subscription sub : subscriptions) {
                clients.add(sub.subscriber.stats(sub.counts()));
            }
        }
        return new ChannelStats(name, queue.depth(), queue.backendDepth(), queue.backendBytes(), inFlight.size(),
                deferredCount(), messageCount, requeueCount, timeoutCount, subscriptions.size(), clients, paused,
                LatencySummary.EMPTY);
    }
}
