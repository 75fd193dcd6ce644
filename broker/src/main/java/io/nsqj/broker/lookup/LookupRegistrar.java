package io.nsqj.broker.lookup;

import io.nsqj.broker.core.Channel;
import io.nsqj.broker.core.Topic;
import io.nsqj.broker.core.TopicListener;
import io.nsqj.broker.core.TopicRegistry;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.LookupV1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this broker registered with every lookupd. A lookupd address given as a DNS name (a Kubernetes
 * headless service) is resolved again periodically and every address behind it gets its own peer, so a new
 * lookupd replica is used without restarting the broker.
 */
public final class LookupRegistrar implements TopicListener {
    private static final System.Logger LOG = System.getLogger(LookupRegistrar.class.getName());

    private final byte[] identifyBody;
    private final long resolveIntervalMillis;
    private final ScheduledExecutorService resolver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lookupd-resolver");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by this: peers by resolved address; read by topic loops when forwarding events. */
    private final Map<InetSocketAddress, LookupPeer> peers = new LinkedHashMap<>();
    private volatile List<String> configured = List.of();
    /** Owned by the resolver thread: what each configured address resolved to last time. */
    private final Map<String, Set<InetSocketAddress>> resolved = new java.util.HashMap<>();
    private volatile TopicRegistry topics;

    public LookupRegistrar(byte[] identifyBody, long resolveIntervalMillis) {
        this.identifyBody = identifyBody;
        this.resolveIntervalMillis = resolveIntervalMillis;
    }

    /** Starts registering; {@code addresses} are lookupd TCP addresses, host:port, hosts may be DNS names. */
    public void start(TopicRegistry registry, List<String> addresses) {
        this.topics = registry;
        this.configured = List.copyOf(addresses);
        resolver.scheduleWithFixedDelay(this::resolve, 0, resolveIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The lookupd addresses as configured (nsqd's /config/nsqlookupd_tcp_addresses); null after they were set to
     * null, which nsqd reads back as its nil slice.
     */
    public List<String> addresses() {
        return configured;
    }

    /**
     * Replaces the lookupd addresses at runtime, as nsqd's lookup loop does on an options change: new ones are
     * connected, dropped ones closed. Null, as nsqd's PUT of JSON null leaves them, means no lookupd.
     */
    public void setAddresses(List<String> addresses) {
        this.configured = addresses == null ? null : List.copyOf(addresses);
        resolver.execute(this::resolve);
    }

    /**
     * The lookupds this broker is registered with now: IDENTIFY answered and every topic and channel sent since
     * the connection was made.
     */
    public synchronized List<InetSocketAddress> connectedPeers() {
        return peers.values().stream().filter(LookupPeer::isConnected).map(LookupPeer::address).toList();
    }

    private void resolve() {
        List<String> addresses = configured == null ? List.of() : configured;
        Set<InetSocketAddress> wanted = new LinkedHashSet<>();
        for (String address : addresses) {
            wanted.addAll(resolved.compute(address, (a, previous) -> resolveOne(a, previous)));
        }
        resolved.keySet().retainAll(addresses);
        synchronized (this) {
            peers.entrySet().removeIf(e -> {
                if (!wanted.contains(e.getKey())) {
                    LOG.log(System.Logger.Level.INFO, "LOOKUP(" + e.getKey() + "): removing peer");
                    e.getValue().stop();
                    return true;
                }
                return false;
            });
            for (InetSocketAddress a : wanted) {
                if (!peers.containsKey(a)) {
                    LOG.log(System.Logger.Level.INFO, "LOOKUP(" + a + "): adding peer");
                    LookupPeer peer = new LookupPeer(a, identifyBody, this::registrationLines);
                    peers.put(a, peer);
                    peer.start();
                }
            }
        }
    }

    /**
     * A name that does not resolve right now keeps what it resolved to before: a DNS hiccup drops no lookupd. An
     * address that is no host:port (anything can be PUT at runtime) is no lookupd, where nsqd would fail to
     * connect to it again and again.
     */
    private static Set<InetSocketAddress> resolveOne(String address, Set<InetSocketAddress> previous) {
        try {
            GoFlags.HostPort hp = GoFlags.hostPort(address);
            Set<InetSocketAddress> now = new LinkedHashSet<>();
            for (InetAddress ip : InetAddress.getAllByName(hp.host())) {
                now.add(new InetSocketAddress(ip, hp.port()));
            }
            return now;
        } catch (UnknownHostException e) {
            LOG.log(System.Logger.Level.WARNING, "LOOKUP(" + address + "): cannot resolve - " + e.getMessage());
            return previous != null ? previous : Set.of();
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "LOOKUP(" + address + "): not a host:port - " + e.getMessage());
            return Set.of();
        }
    }

    /** What nsqd registers on connect: each channel, or the bare topic when it has none. */
    private List<String> registrationLines() {
        TopicRegistry registry = topics;
        List<Topic> all = registry.all();
        try {
            List<List<String>> perTopic = registry.onEachTopic(all, t -> {
                List<String> lines = new ArrayList<>();
                List<Channel> channels = t.channels();
                if (channels.isEmpty()) {
                    lines.add(LookupV1.REGISTER + " " + t.name());
                } else {
                    channels.forEach(c -> lines.add(LookupV1.REGISTER + " " + t.name() + " " + c.name()));
                }
                return lines;
            }).get(10, TimeUnit.SECONDS);
            return perTopic.stream().flatMap(List::stream).toList();
        } catch (Exception e) {
            throw new IllegalStateException("could not list topics for lookupd registration", e);
        }
    }

    private synchronized void broadcast(String line) {
        for (LookupPeer peer : peers.values()) {
            peer.send(line);
        }
    }

    @Override
    public void topicCreated(Topic topic) {
        broadcast(LookupV1.REGISTER + " " + topic.name());
    }

    @Override
    public void channelCreated(Topic topic, Channel channel) {
        broadcast(LookupV1.REGISTER + " " + topic.name() + " " + channel.name());
    }

    @Override
    public void channelDeleted(Topic topic, Channel channel) {
        broadcast(LookupV1.UNREGISTER + " " + topic.name() + " " + channel.name());
    }

    @Override
    public void topicDeleted(Topic topic) {
        broadcast(LookupV1.UNREGISTER + " " + topic.name());
    }

    @Override
    public void metadataChanged() {
        // paused state is not something lookupd knows about
    }

    public void stop() {
        resolver.shutdownNow();
        synchronized (this) {
            peers.values().forEach(LookupPeer::stop);
            peers.clear();
        }
    }
}
