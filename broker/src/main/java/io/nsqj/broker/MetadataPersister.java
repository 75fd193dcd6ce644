package io.nsqj.broker;

import io.nsqj.broker.core.Channel;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicListener;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.storage.MetadataStore;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rewrites nsqd.dat whenever topics, channels or paused states change. Bursts of changes coalesce into one
 * write, done off the event loops.
 */
final class MetadataPersister implements TopicListener {
    private static final System.Logger LOG = System.getLogger(MetadataPersister.class.getName());

    private final MetadataStore store;
    private final Executor blockingExecutor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile TopicRegistry topics;
    private volatile boolean enabled;

    MetadataPersister(MetadataStore store, Executor blockingExecutor) {
        this.store = store;
        this.blockingExecutor = blockingExecutor;
    }

    /** Starts persisting; changes made while restoring at start-up are not written back. */
    void enable(TopicRegistry registry) {
        this.topics = registry;
        this.enabled = true;
    }

    void disable() {
        enabled = false;
    }

    void saveNow() throws Exception {
        store.save(topics.metadata(BrokerVersion.VERSION).get());
    }

    private void changed(String name) {
        if (!enabled || name.endsWith(io.nsqj.protocol.Names.EPHEMERAL_SUFFIX)) {
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            blockingExecutor.execute(() -> {
                scheduled.set(false);
                try {
                    if (enabled) {
                        saveNow();
                    }
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.ERROR, "failed to persist metadata", e);
                }
            });
        }
    }

    @Override
    public void topicCreated(Topic topic) {
        changed(topic.name());
    }

    @Override
    public void channelCreated(Topic topic, Channel channel) {
        changed(channel.name());
    }

    @Override
    public void channelDeleted(Topic topic, Channel channel) {
        changed(channel.name());
    }

    @Override
    public void topicDeleted(Topic topic) {
        changed(topic.name());
    }

    @Override
    public void metadataChanged() {
        changed("");
    }
}
