package io.nsqj.broker;

import io.nsqj.broker.auth.AuthServers;
import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.broker.config.DefaultNodeId;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.broker.core.SyncMode;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicListeners;
import io.nsqj.broker.core.TopicOptions;
import io.nsqj.broker.lookup.LookupRegistrar;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.broker.security.ServerTls;
import io.nsqj.broker.storage.BrokerMetadata;
import io.nsqj.broker.storage.ChannelMetadata;
import io.nsqj.broker.storage.MetadataStore;
import io.nsqj.broker.storage.SegmentDeleter;
import io.nsqj.broker.storage.TopicMetadata;
import io.nsqj.broker.tcp.ClientRegistry;
import io.nsqj.broker.tcp.EventLoopOwner;
import io.nsqj.broker.tcp.NegotiableFeatures;
import io.nsqj.broker.tcp.ProtocolLimits;
import io.nsqj.broker.tcp.TcpServerVerticle;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.LocalHostname;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the broker: restores topics and channels from nsqd.dat, opens the TCP listener, and on
 * SIGTERM stops accepting, writes what is in memory to disk and saves the metadata.
 */
@ApplicationScoped
public class BrokerServer {
    private static final System.Logger LOG = System.getLogger(BrokerServer.class.getName());
    private static final long LOOKUPD_RESOLVE_INTERVAL_MILLIS = 30_000;

    private final BrokerOptions options;
    private final Vertx vertx;
    private final ExecutorService blockingExecutor = Executors.newFixedThreadPool(2, daemonThreads("nsqd-disk"));
    /** Unlinks fully read segments: apart from the fsyncs above, which publishes wait for. */
    private final ExecutorService unlinkExecutor = Executors.newSingleThreadExecutor(daemonThreads("nsqd-unlink"));
    private final ClientRegistry clients = new ClientRegistry();
    private TopicRegistry topics;
    private MetadataPersister persister;
    private String deploymentId;
    private LookupRegistrar lookup;
    /** Written by the startup and shutdown threads, read by readiness checks. */
    private volatile boolean tcpListening;
    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    public BrokerServer(BrokerOptions options, Vertx vertx) {
        this.options = options;
        this.vertx = vertx;
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    void start(@Observes StartupEvent event) throws Exception {
        ServerTls tls = ServerTls.from(options);
        AuthServers auth = new AuthServers(options.authHttpAddresses().orElse(List.of()), options.authHttpRequestMethod(),
                options.httpClientConnectTimeout(), options.httpClientRequestTimeout());
        Path dataPath = Path.of(options.dataPath()).toAbsolutePath();
        Files.createDirectories(dataPath);
        long nodeId = options.nodeId().orElseGet(() -> DefaultNodeId.forHostname(LocalHostname.get()));
        int loopCount = eventLoopCount((VertxInternal) vertx);
        long memoryShare = Runtime.getRuntime().maxMemory() / 4 / loopCount;
        long queuedShare = queuedDirectMemory() / loopCount;
        TopicOptions topicOptions = new TopicOptions(dataPath, nodeId,
                options.memQueueSize(), options.maxBytesPerFile(), options.maxMsgSize(), options.syncEvery(),
                options.syncTimeout().toMillis(), options.msgTimeout().toMillis(), options.maxMsgTimeout().toMillis(),
                options.maxChannelConsumers(), SyncMode.parse(options.syncMode()),
                queuedShare, memoryShare, memoryShare / 2);
        MetadataStore store = new MetadataStore(dataPath);
        persister = new MetadataPersister(store, blockingExecutor);
        VertxInternal vi = (VertxInternal) vertx;
        java.util.function.Supplier<OwnerLoop> loops = () -> new EventLoopOwner(vi.getEventLoopGroup().next());
        GoFlags.HostPort tcp = GoFlags.hostPort(options.tcpAddress());
        lookup = new LookupRegistrar(identifyForLookupd(tcp.port()), LOOKUPD_RESOLVE_INTERVAL_MILLIS);
        SegmentDeleter deleter = SegmentDeleter.inBackground(dataPath, unlinkExecutor);
        // off the start-up path: after a crash there may be many; they are garbage whenever they go
        unlinkExecutor.execute(deleter::removeLeftovers);
        topics = new TopicRegistry(loops, topicOptions, blockingExecutor, deleter,
                TopicListeners.of(persister, lookup));
        restore(store.load());
        persister.enable(topics);
        persister.saveNow();
        lookup.start(topics, options.lookupdTcpAddresses().orElse(List.of()));

        int instances = options.eventLoops() > 0 ? options.eventLoops() : Runtime.getRuntime().availableProcessors();
        ProtocolLimits limits = ProtocolLimits.from(options);
        NegotiableFeatures features = NegotiableFeatures.from(options, tls, auth);
        deploymentId = vertx.deployVerticle(
                        () -> new TcpServerVerticle(tcp.host(), tcp.port(), topics, clients, limits, BrokerVersion.VERSION,
                                features),
                        new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        tcpListening = true;
        LOG.log(System.Logger.Level.INFO, "TCP: listening on " + options.tcpAddress() + ", data in " + dataPath
                + "; per event loop, memory queues may take " + (queuedShare >> 20) + " MiB of direct memory, "
                + "in-flight messages " + (memoryShare >> 20) + " MiB of heap, deferred messages "
                + (memoryShare >> 21) + " MiB");
    }

    /**
     * Budgets are shared out between the event loops (each owns its topics): a quarter of the heap for all
     * in-flight messages together, half as much for deferred ones; the rest of the heap is left to bodies being
     * read and written.
     */
    private static int eventLoopCount(VertxInternal vertx) {
        int loops = 0;
        for (var ignored : vertx.getEventLoopGroup()) {
            loops++;
        }
        return Math.max(1, loops);
    }

    /**
     * Memory queues live in direct memory (see MessageStore): three quarters of what the JVM allows
     * (-XX:MaxDirectMemorySize, which bin/nsqd sizes), the rest left to the sockets' buffers.
     */
    private static long queuedDirectMemory() {
        return io.netty.util.internal.PlatformDependent.maxDirectMemory() / 4 * 3;
    }

    private void restore(BrokerMetadata metadata) throws Exception {
        for (TopicMetadata tm : metadata.topics()) {
            Topic topic = topics.getOrCreate(tm.name());
            TopicRegistry.call(topic, t -> {
                try {
                    for (ChannelMetadata cm : tm.channels()) {
                        t.restoreChannel(cm.name(), cm.paused());
                    }
                    if (tm.paused()) {
                        t.pause();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            }).get(30, TimeUnit.SECONDS);
        }
    }

    /** What nsqd tells lookupd about itself: where clients reach it. */
    private byte[] identifyForLookupd(int tcpPort) {
        String hostname = LocalHostname.get();
        JsonObject identify = new JsonObject()
                .put("broadcast_address", options.broadcastAddress().orElse(hostname))
                .put("hostname", hostname)
                .put("http_port", options.broadcastHttpPort() > 0 ? options.broadcastHttpPort() : httpPort)
                .put("tcp_port", options.broadcastTcpPort() > 0 ? options.broadcastTcpPort() : tcpPort)
                .put("version", BrokerVersion.VERSION)
                .put("topology_zone", "")
                .put("topology_region", "");
        return identify.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    void stop(@Observes ShutdownEvent event) {
        if (topics == null) {
            return;
        }
        tcpListening = false;
        lookup.stop();
        try {
            if (deploymentId != null) {
                vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            clients.all().forEach(c -> c.close());
            persister.saveNow();
            persister.disable();
            topics.persistAll().get(60, TimeUnit.SECONDS);
            LOG.log(System.Logger.Level.INFO, "NSQ: shut down, messages persisted to disk");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "failed to shut down cleanly", e);
        } finally {
            blockingExecutor.shutdown();
            unlinkExecutor.shutdown();
        }
    }

    /** True from the moment every TCP listener is open until shutdown begins. */
    public boolean isTcpListening() {
        return tcpListening;
    }

    /** The topics, once started; HTTP handlers ask here rather than holding a copy. */
    public TopicRegistry topics() {
        return topics;
    }

    /** Registration with lookupd: its addresses can be read and replaced at runtime. */
    public LookupRegistrar lookup() {
        return lookup;
    }

    public ClientRegistry clients() {
        return clients;
    }
}
