package io.nsqj.broker.core;

import io.nsqj.broker.storage.BrokerMetadata;
import io.nsqj.broker.storage.ChannelMetadata;
import io.nsqj.broker.storage.SegmentDeleter;
import io.nsqj.broker.storage.TopicMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The broker's topics by name. Thread-safe: any loop may look up or create a topic; each topic is then
 * handed to its own loop, picked round-robin so topics spread over the cores.
 */
public final class TopicRegistry {
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final Supplier<OwnerLoop> loops;
    private final ConcurrentHashMap<OwnerLoop, LoopMemory> loopMemory = new ConcurrentHashMap<>();
    private final TopicOptions options;
    private final Executor blockingExecutor;
    private final SegmentDeleter deleter;
    private final TopicListener listener;
    private final TopicListener forwarding;

    public TopicRegistry(Supplier<OwnerLoop> loops, TopicOptions options, Executor blockingExecutor,
                         SegmentDeleter deleter, TopicListener listener) {
        this.loops = loops;
        this.options = options;
        this.blockingExecutor = blockingExecutor;
        this.deleter = deleter;
        this.listener = listener;
        this.forwarding = new Forwarding();
    }

    public TopicOptions options() {
        return options;
    }

    public Topic get(String name) {
        return topics.get(name);
    }

    public Topic getOrCreate(String name) throws IOException {
        Topic topic = topics.get(name);
        if (topic != null) {
            return topic;
        }
        boolean[] created = new boolean[1];
        try {
            topic = topics.computeIfAbsent(name, n -> {
                try {
                    created[0] = true;
                    OwnerLoop loop = loops.get();
                    LoopMemory memory = loopMemory.computeIfAbsent(loop, l -> new LoopMemory(
                            new MemoryBudget(options.memQueueBytesPerLoop()),
                            new MemoryBudget(options.inFlightBytesPerLoop()),
                            new MemoryBudget(options.deferredBytesPerLoop())));
                    return new Topic(n, loop, memory, options, blockingExecutor, deleter, forwarding);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (created[0]) {
            listener.topicCreated(topic);
        }
        return topic;
    }

    /**
     * Returns false when there is no such topic. As in nsqd, the topic leaves the registry only once its
     * files are gone, so a topic re-created under the same name never meets the old one's files.
     */
    public boolean delete(String name) {
        Topic topic = topics.get(name);
        if (topic == null) {
            return false;
        }
        topic.loop().run(() -> {
            topic.delete();
            topics.remove(name, topic);
            listener.topicDeleted(topic);
        });
        return true;
    }

    public List<Topic> all() {
        List<Topic> list = new ArrayList<>(topics.values());
        list.sort(Comparator.comparing(Topic::name));
        return list;
    }

    /** Runs {@code action} on each topic's loop and collects the answers, in topic name order. */
    public <T> CompletableFuture<List<T>> onEachTopic(List<Topic> selected, Function<Topic, T> action) {
        List<CompletableFuture<T>> parts = new ArrayList<>();
        for (Topic topic : selected) {
            parts.add(call(topic, action));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
    }

    /** Runs {@code action} on the topic's loop. */
    public static <T> CompletableFuture<T> call(Topic topic, Function<Topic, T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        topic.loop().run(() -> {
            try {
                result.complete(action.apply(topic));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** What nsqd.dat records: every non-ephemeral topic and channel with its paused state. */
    public CompletableFuture<BrokerMetadata> metadata(String version) {
        List<Topic> durable = all().stream().filter(t -> !t.isEphemeral()).toList();
        return onEachTopic(durable, t -> {
            List<ChannelMetadata> channels = t.channels().stream()
                    .filter(c -> !c.isEphemeral())
                    .map(c -> new ChannelMetadata(c.name(), c.isPaused()))
                    .toList();
            return new TopicMetadata(t.name(), t.isPaused(), channels);
        }).thenApply(list -> new BrokerMetadata(list.stream().filter(java.util.Objects::nonNull).toList(), version));
    }

    /** Graceful shutdown: every topic writes what it holds in memory to disk. */
    public CompletableFuture<Void> persistAll() {
        return onEachTopic(all(), t -> {
            t.persist();
            return null;
        }).thenApply(v -> null);
    }

    /** Forgets topics that deleted themselves (ephemeral, last channel gone) before telling the listener. */
    private final class Forwarding implements TopicListener {
        @Override
        public void topicCreated(Topic topic) {
            listener.topicCreated(topic);
        }

        @Override
        public void channelCreated(Topic topic, Channel channel) {
            listener.channelCreated(topic, channel);
        }

        @Override
        public void channelDeleted(Topic topic, Channel channel) {
            listener.channelDeleted(topic, channel);
        }

        @Override
        public void topicDeleted(Topic topic) {
            topics.remove(topic.name(), topic);
            listener.topicDeleted(topic);
        }

        @Override
        public void metadataChanged() {
            listener.metadataChanged();
        }
    }
}
