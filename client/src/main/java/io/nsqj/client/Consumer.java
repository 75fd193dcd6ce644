package io.nsqj.client;

import io.nsqj.protocol.Names;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscribes a handler to a topic's channel on every nsqd given directly or found through nsqlookupd.
 *
 * <p>Threads: one reader per connection hands messages to the handler executor; one scheduler thread makes
 * connections, polls lookupd, redistributes RDY and times backoff. RDY changes happen under this object's
 * lock so the sum of RDY never passes maxInFlight.
 */
public final class Consumer {
    private static final System.Logger LOG = System.getLogger(Consumer.class.getName());

    /** What a message's answer means for backoff. */
    enum Outcome { SUCCESS, FAILURE, NEUTRAL }

    private final String topic;
    private final String channel;
    private final MessageHandler handler;
    private final ClientConfig config;
    private final ExecutorService handlerExecutor;
    private final boolean ownsHandlerExecutor;
    private final ScheduledExecutorService scheduler;
    private final LookupdPoller lookupdPoller;
    private final BackoffController backoff;
    private final List<NsqAddress> lookupds = new CopyOnWriteArrayList<>();
    private final Set<NsqAddress> directAddresses = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<NsqAddress, ConsumerConnection> connections = new HashMap<>();
    private volatile boolean stopping;
    private boolean stopped;

    public Consumer(String topic, String channel, MessageHandler handler, ClientConfig config) {
        if (!Names.isValidTopicName(topic)) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
        if (!Names.isValidChannelName(channel)) {
            throw new IllegalArgumentException("invalid channel name '" + channel + "'");
        }
        this.topic = topic;
        this.channel = channel;
        this.handler = handler;
        this.config = config;
        this.ownsHandlerExecutor = config.handlerExecutor() == null;
        this.handlerExecutor = ownsHandlerExecutor
                ? Executors.newFixedThreadPool(config.concurrency(), daemonThreads("nsqj-handler-" + topic + "/" + channel))
                : config.handlerExecutor();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("nsqj-consumer-" + topic + "/" + channel));
        this.lookupdPoller = new LookupdPoller(topic, config.dialTimeout());
        this.backoff = new BackoffController(config.backoffMultiplier(), config.maxBackoffDuration());
        long redistribute = config.rdyRedistributeInterval().toNanos();
        scheduler.scheduleWithFixedDelay(this::redistributeRdy, redistribute, redistribute, TimeUnit.NANOSECONDS);
    }

    /**
     * Connects to nsqd directly; throws {@link NsqException} when the first connection fails. A connection
     * that drops later is reconnected with growing delays until {@link #stop()}.
     */
    public void connectToNsqd(String... addresses) {
        for (String a : addresses) {
            NsqAddress address = NsqAddress.parse(a);
            directAddresses.add(address);
            try {
                onScheduler(() -> connect(address, false));
            } catch (NsqException e) {
                directAddresses.remove(address);
                throw e;
            }
        }
    }

    /**
     * Adds lookupd HTTP addresses ("host:port"); they are asked now and then every lookupdPollInterval
     * (jittered). New producers of the topic are connected, producers no longer listed are left.
     */
    public void connectToLookupd(String... addresses) {
        boolean first = lookupds.isEmpty();
        for (String a : addresses) {
            lookupds.add(NsqAddress.parse(a));
        }
        if (first && !lookupds.isEmpty()) {
            scheduler.execute(this::pollLookupd);
        }
    }

    /** The nsqd this consumer is subscribed to right now. */
    public synchronized Set<NsqAddress> connectedAddresses() {
        Set<NsqAddress> active = new LinkedHashSet<>();
        for (ConsumerConnection c : connections.values()) {
            if (!c.isClosing()) {
                active.add(c.address());
            }
        }
        return active;
    }

    public String topic() {
        return topic;
    }

    public String channel() {
        return channel;
    }

    /**
     * Graceful stop: CLS on every connection so nsqd sends nothing more, waits (up to stopTimeout) until every
     * delivered message is answered, then closes. Messages still unanswered at the timeout go back to nsqd.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            for (ConsumerConnection c : connections.values()) {
                c.startClose();
            }
        }
        long deadline = System.nanoTime() + config.stopTimeout().toNanos();
        List<ConsumerConnection> leftover;
        synchronized (this) {
            long remaining;
            while (!connections.isEmpty() && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            leftover = new ArrayList<>(connections.values());
        }
        for (ConsumerConnection c : leftover) {
            LOG.log(System.Logger.Level.WARNING, "{0} still had {1} messages in flight at stop", c, c.inFlight());
            c.close();
        }
        scheduler.shutdownNow();
        if (ownsHandlerExecutor) {
            handlerExecutor.shutdown();
        }
        synchronized (this) {
            stopped = true;
        }
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * go-nsq's IsStarved: some open connection holds unanswered messages up to 85% of its RDY, so nsqd will
     * soon send it nothing more. A handler that answers in batches (nsq_to_file) must answer its batch now.
     */
    public synchronized boolean isStarved() {
        for (ConsumerConnection c : connections.values()) {
            int inFlight = c.inFlight();
            if (!c.isClosing() && inFlight > 0 && inFlight >= (int) (c.rdy() * 0.85)) {
                return true;
            }
        }
        return false;
    }

    // ---- connections

    private void onScheduler(ConnectTask task) {
        try {
            scheduler.submit(() -> {
                task.run();
                return null;
            }).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof NsqException nsq ? nsq : new NsqException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NsqException("interrupted while connecting", e);
        } catch (RejectedExecutionException e) {
            throw new NsqException("consumer is stopped", e);
        }
    }

    @FunctionalInterface
    private interface ConnectTask {
        void run() throws IOException;
    }

    /** Runs on the scheduler thread only, so two connects to one address cannot race. */
    private void connect(NsqAddress address, boolean discovered) throws IOException {
        synchronized (this) {
            if (stopping || connections.containsKey(address)) {
                return;
            }
        }
        NsqConnection connection = NsqConnection.open(address, config);
        try {
            connection.exchange(Commands.subscribe(topic, channel));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        ConsumerConnection subscribed = new ConsumerConnection(connection, this, discovered);
        synchronized (this) {
            if (stopping) {
                connection.close();
                return;
            }
            connections.put(address, subscribed);
            connection.startReading(subscribed, "nsqj-reader-" + address);
            rebalanceRdy();
        }
        LOG.log(System.Logger.Level.INFO, "subscribed to {0}/{1} on {2}", topic, channel, address);
    }

    void connectionClosed(ConsumerConnection c) {
        boolean reconnect;
        synchronized (this) {
            connections.remove(c.address(), c);
            notifyAll();
            reconnect = !stopping && !c.isClosing() && directAddresses.contains(c.address());
            if (!stopping) {
                rebalanceRdy();
            }
        }
        if (reconnect) {
            scheduleReconnect(c.address(), 0);
        }
    }

    private void scheduleReconnect(NsqAddress address, int failures) {
        Duration delay = reconnectDelay(failures);
        try {
            scheduler.schedule(() -> {
                try {
                    connect(address, false);
                } catch (IOException | NsqException e) {
                    LOG.log(System.Logger.Level.INFO, "reconnect to {0} failed: {1}", address, e.toString());
                    scheduleReconnect(address, failures + 1);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "not reconnecting to {0}: consumer stopped", address);
        }
    }

    private Duration reconnectDelay(int failures) {
        Duration d = config.reconnectMinDelay().multipliedBy(1L << Math.min(failures, 20));
        return d.compareTo(config.reconnectMaxDelay()) > 0 ? config.reconnectMaxDelay() : d;
    }

    // ---- lookupd

    private void pollLookupd() {
        if (stopping) {
            return;
        }
        try {
            Optional<Set<NsqAddress>> producers = lookupdPoller.poll(List.copyOf(lookupds));
            producers.ifPresent(this::followProducers);
        } finally {
            scheduleNextPoll();
        }
    }

    private void scheduleNextPoll() {
        long interval = config.lookupdPollInterval().toNanos();
        long jitter = (long) (interval * config.lookupdPollJitter() * ThreadLocalRandom.current().nextDouble());
        try {
            scheduler.schedule(this::pollLookupd, interval + jitter, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "lookupd polling ends: consumer stopped");
        }
    }

    private void followProducers(Set<NsqAddress> producers) {
        for (NsqAddress address : producers) {
            try {
                connect(address, true);
            } catch (IOException | NsqException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot connect to {0} found by lookupd: {1}", address, e.toString());
            }
        }
        List<ConsumerConnection> gone = new ArrayList<>();
        synchronized (this) {
            for (ConsumerConnection c : connections.values()) {
                if (c.isDiscovered() && !c.isClosing() && !producers.contains(c.address())
                        && !directAddresses.contains(c.address())) {
                    gone.add(c);
                }
            }
            for (ConsumerConnection c : gone) {
                LOG.log(System.Logger.Level.INFO, "{0} no longer listed by lookupd, leaving it", c);
                c.startClose();
            }
            rebalanceRdy();
        }
        for (ConsumerConnection c : gone) {
            // a connection whose handlers never finish is closed anyway; nsqd then redelivers what it held
            scheduler.schedule(c::close, config.stopTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    // ---- messages

    void dispatch(Message message) {
        try {
            handlerExecutor.execute(() -> handle(message));
        } catch (RejectedExecutionException e) {
            message.requeueWithoutBackoff(Duration.ZERO);
        }
    }

    private void handle(Message message) {
        if (config.maxAttempts() > 0 && message.attempts() > config.maxAttempts()) {
            LOG.log(System.Logger.Level.WARNING, "message {0} on {1}/{2} attempted {3} times, giving up",
                    message.id(), topic, channel, message.attempts());
            message.finish();
            return;
        }
        try {
            handler.handle(message);
            if (!message.isAutoResponseDisabled()) {
                message.finish();
            }
        } catch (Exception | Error e) {
            // an Error is answered too: left unanswered, the message would hold RDY and stall a graceful stop
            // a handler's exception is go-nsq's returned error, an expected outcome: one line; an Error is a bug
            if (e instanceof Error) {
                LOG.log(System.Logger.Level.WARNING, "handler failed on message " + message.id() + ", requeueing", e);
            } else {
                LOG.log(System.Logger.Level.WARNING, "handler returned error ({0}) for message {1}, requeueing",
                        e, message.id());
            }
            if (!message.isAutoResponseDisabled()) {
                message.requeue(RequeueDelay.forAttempts(message.attempts(), config.defaultRequeueDelay(),
                        config.maxRequeueDelay()));
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    void messageAnswered(Outcome outcome) {
        if (outcome == Outcome.NEUTRAL || stopping) {
            return;
        }
        BackoffController.Decision decision = outcome == Outcome.SUCCESS ? backoff.onSuccess() : backoff.onFailure();
        synchronized (this) {
            if (stopping) {
                return;
            }
            switch (decision.action()) {
                case RESUME -> {
                    LOG.log(System.Logger.Level.INFO, "{0}/{1} leaves backoff", topic, channel);
                    rebalanceRdy();
                }
                case BACK_OFF -> {
                    LOG.log(System.Logger.Level.INFO, "{0}/{1} backing off for {2}", topic, channel, decision.period());
                    for (ConsumerConnection c : connections.values()) {
                        updateRdy(c, 0);
                    }
                    scheduler.schedule(this::testAfterBackoff, decision.period().toNanos(), TimeUnit.NANOSECONDS);
                }
                case NONE -> {
                }
            }
        }
    }

    /** After a backoff wait, one connection gets RDY 1; how that message fares decides what comes next. */
    private synchronized void testAfterBackoff() {
        backoff.onWaitElapsed();
        List<ConsumerConnection> active = activeConnections();
        if (stopping || active.isEmpty()) {
            return;
        }
        updateRdy(active.get(ThreadLocalRandom.current().nextInt(active.size())), 1);
    }

    // ---- RDY (callers hold this object's lock)

    private void rebalanceRdy() {
        if (stopping || backoff.inBackoff()) {
            return;
        }
        List<ConsumerConnection> active = activeConnections();
        int each = RdyDistribution.perConnection(config.maxInFlight(), active.size());
        // lower first, so that raising the others stays within maxInFlight
        for (ConsumerConnection c : active) {
            if (c.rdy() > each) {
                updateRdy(c, each);
            }
        }
        for (ConsumerConnection c : active) {
            if (c.rdy() < each) {
                updateRdy(c, each);
            }
        }
    }

    private void updateRdy(ConsumerConnection c, int desired) {
        if (c.isClosing()) {
            return;
        }
        int allowed = RdyDistribution.allowed(desired, c.maxRdy(), config.maxInFlight(), totalRdy(), c.rdy());
        if (allowed >= 0 && allowed != c.rdy()) {
            c.sendRdy(allowed);
        }
    }

    private int totalRdy() {
        int total = 0;
        for (ConsumerConnection c : activeConnections()) {
            total += c.rdy();
        }
        return total;
    }

    private List<ConsumerConnection> activeConnections() {
        List<ConsumerConnection> active = new ArrayList<>();
        for (ConsumerConnection c : connections.values()) {
            if (!c.isClosing()) {
                active.add(c);
            }
        }
        return active;
    }

    /**
     * When RDY cannot cover every connection (more connections than maxInFlight, or backoff), connections idle
     * for lowRdyIdleTimeout give theirs up and RDY 1 goes to connections without any, picked at random.
     */
    private synchronized void redistributeRdy() {
        boolean inBackoff = backoff.inBackoff();
        List<ConsumerConnection> active = activeConnections();
        if (stopping || backoff.isWaiting()
                || !RdyDistribution.needsRedistribution(config.maxInFlight(), active.size(), inBackoff)) {
            return;
        }
        long now = System.nanoTime();
        long idleLimit = config.lowRdyIdleTimeout().toNanos();
        for (ConsumerConnection c : active) {
            long lastActivity = Math.max(c.lastMessageNanos(), c.lastRdyNanos());
            if (c.rdy() > 0 && now - lastActivity > idleLimit) {
                updateRdy(c, 0);
            }
        }
        int available = (inBackoff ? 1 : config.maxInFlight()) - totalRdy();
        List<ConsumerConnection> candidates = new ArrayList<>();
        for (ConsumerConnection c : active) {
            if (c.rdy() == 0) {
                candidates.add(c);
            }
        }
        Collections.shuffle(candidates);
        for (int i = 0; i < candidates.size() && available > 0; i++, available--) {
            updateRdy(candidates.get(i), 1);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
