package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One namespace of a Kubernetes cluster, on top of an API server that only stores objects (the fabric8 mock server
 * in CRUD mode): this plays the controllers and the node that a real cluster runs, with the daemons this build
 * packages as the containers, real processes on loopback addresses of this machine.
 * <ul>
 * <li>{@link StatefulSetController}: pods and claims from StatefulSets, scaling, rolling updates, status;</li>
 * <li>{@link Kubelet}: runs each pod's container as a process at a pod IP of its own (127.0.0.2 and on),
 * probes it, writes the pod's status, stops it gracefully when the pod is deleted;</li>
 * <li>{@link ClusterDns}: Service and pod names in a hosts file the daemons resolve with;</li>
 * <li>{@link StorageProvisioner}: binds claims to directories under the work dir that outlive pods;</li>
 * <li>{@link GarbageCollector}: deletes what every owner of has gone.</li>
 * </ul>
 *
 * <pre>{@code
 * try (SimulatedCluster cluster = new SimulatedCluster(client, "nsq", workDir).start()) {
 *     client.apps().statefulSets().inNamespace("nsq").resource(lookupds).create();
 *     await().until(() -> readyReplicas("lookupd") == 2);
 *     String ip = cluster.process("lookupd-0").orElseThrow().podIp();   // 127.0.0.x, its daemon on :4161
 * }
 * }</pre>
 *
 * <p>A test JVM resolves the cluster's names too when started with
 * {@code -Djdk.net.hosts.file=<file> -Dsun.net.inetaddr.ttl=1} (Surefire's argLine): the cluster then writes its
 * hosts file there instead of under the work dir. The JDK reads the property once, so only one cluster per such
 * JVM should run at a time; until the first cluster is made, that file does not exist and only localhost resolves.
 *
 * <p>The work of all parts runs on one loop thread, a round every {@value #ROUND_MILLIS} ms.
 */
public final class SimulatedCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimulatedCluster.class.getName());
    private static final long ROUND_MILLIS = 150;
    /** About once a second: each pass lists every kind it collects. */
    private static final int ROUNDS_PER_COLLECTION = 7;
    /**
     * A small heap, fewer GC and compiler threads, no C2: seven daemons starting at once on two cores is the case
     * to be quick at.
     */
    private static final List<String> DAEMON_JVM_OPTIONS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final KubernetesClient client;
    private final String namespace;
    private final WorkDirectory dirs;
    private final LoopbackAddresses addresses = new LoopbackAddresses();
    private final ClusterDns dns;
    private final Kubelet kubelet;
    private final StatefulSetController statefulSets;
    private final StorageProvisioner storage;
    private final GarbageCollector garbageCollector;
    private final List<Consumer<Pod>> readyHooks = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> hookFailure = new AtomicReference<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Kubelet.daemonThreads("cluster-loop"));
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Owned by the loop thread. */
    private long rounds;

    /**
     * @param workDir where claims' data, pods' own directories, logs and the hosts file go; created if missing
     */
    public SimulatedCluster(KubernetesClient client, String namespace, Path workDir) {
        this.client = client;
        this.namespace = namespace;
        this.dirs = new WorkDirectory(workDir, namespace);
        String testJvmHosts = System.getProperty("jdk.net.hosts.file");
        this.dns = new ClusterDns(testJvmHosts != null ? Path.of(testJvmHosts) : workDir.resolve("hosts"), namespace);
        List<String> jvmOptions = new ArrayList<>(DAEMON_JVM_OPTIONS);
        jvmOptions.addAll(ClusterDns.jvmOptions(dns.hostsFile(), dirs.dnsSecurityProperties()));
        this.kubelet = new Kubelet(client, dirs, addresses, jvmOptions, this::beforeReady);
        this.statefulSets = new StatefulSetController(client, namespace);
        this.storage = new StorageProvisioner(client, dirs);
        this.garbageCollector = new GarbageCollector(client, namespace);
    }

    public SimulatedCluster start() {
        loop.scheduleWithFixedDelay(this::round, 0, ROUND_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Calls {@code hook} on the loop thread with a pod just before its status first says Ready, each time it turns
     * Ready (again after a container restart or a readiness probe failure): the pod is in no Service yet, and
     * nothing else in the cluster moves until the hook returns. An exception from it is rethrown by
     * {@link #close()}.
     */
    public SimulatedCluster onPodReady(Consumer<Pod> hook) {
        readyHooks.add(hook);
        return this;
    }

    /**
     * The garbage collector also deletes orphans of this kind (a custom resource's, say): by default it looks at
     * Pods, PersistentVolumeClaims, Services, ConfigMaps, Secrets, ServiceAccounts, StatefulSets, Deployments,
     * ReplicaSets and PodDisruptionBudgets.
     */
    public SimulatedCluster garbageCollect(String apiVersion, String kind) {
        garbageCollector.alsoCollect(apiVersion, kind);
        return this;
    }

    /** The hosts file the daemons resolve names with. */
    public Path hostsFile() {
        return dns.hostsFile();
    }

    /** The latest pod of that name the kubelet runs or ran (until its object is gone): IP, log, process. */
    public Optional<PodProcess> process(String podName) {
        return kubelet.process(podName);
    }

    /** The directory behind a claim: where a pod mounting it keeps its data. */
    public Path claimDirectory(String claimName) {
        return dirs.claim(claimName);
    }

    /** A pod's log: the output of every run of every pod of that name, each after a header line. */
    public Path logFile(String podName) {
        return dirs.log(podName);
    }

    public String namespace() {
        return namespace;
    }

    private void round() {
        try {
            kubelet.sync(client.pods().inNamespace(namespace).list().getItems());
            List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
            List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(namespace).list().getItems();
            List<StatefulSet> sets = client.apps().statefulSets().inNamespace(namespace).list().getItems();
            List<Service> services = client.services().inNamespace(namespace).list().getItems();
            storage.sync(claims, pods);
            statefulSets.sync(sets, pods, claims);
            dns.sync(services, pods);
            if (++rounds % ROUNDS_PER_COLLECTION == 0) {
                garbageCollector.collect();
            }
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.WARNING, "simulated cluster round failed", e);
            }
        }
    }

    private void beforeReady(Pod pod) {
        for (Consumer<Pod> hook : readyHooks) {
            try {
                hook.accept(pod);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "onPodReady hook failed for " + pod.getMetadata().getName(), t);
                hookFailure.compareAndSet(null, t);
            }
        }
    }

    /** Stops the loop, then every pod's process (SIGTERM, SIGKILL after the grace period); again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.shutdown();
        try {
            if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        kubelet.close();
        addresses.close();
        dns.close();
        Throwable failure = hookFailure.get();
        if (failure != null) {
            throw new AssertionError("an onPodReady hook failed", failure);
        }
    }
}
