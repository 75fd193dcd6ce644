package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The kubelet of the one simulated node: every pod of the namespace runs here. A new pod gets the kubelet's
 * finalizer (so that a deletion leaves it Terminating until its process has exited, as a real API server keeps a
 * pod until its kubelet confirms), a fresh loopback IP and its first container started as a process, started again
 * with a back-off (1 s doubling to 10 s) whenever it exits or its liveness or startup probe fails. Its status is
 * written with the pod's resourceVersion, so a concurrent write by someone else (the operator's readiness gate)
 * is never lost: the update fails and is made again from the new status on the next round.
 *
 * <p>Deletion: SIGTERM, up to terminationGracePeriodSeconds (default 30) for the daemon to exit, SIGKILL, then
 * the finalizer is removed and the pod object goes. A pod of the same name is not started while the previous
 * one still terminates: they would share the claim's directory.
 *
 * <p>{@link #sync} runs on the cluster's loop thread, which owns {@link #runs}; probes and terminations run on
 * threads of their own.
 */
final class Kubelet implements AutoCloseable {
    static final String FINALIZER = "simulated.nsqj.io/kubelet";
    static final String NODE_NAME = "simulated-node";
    static final String HOST_IP = "127.0.0.1";
    private static final System.Logger LOG = System.getLogger(Kubelet.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final Duration MAX_GRACE_AT_CLOSE = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final WorkDirectory dirs;
    private final PodVolumes volumes;
    private final LoopbackAddresses addresses;
    private final List<String> jvmOptions;
    private final Consumer<Pod> beforeReady;
    private final ScheduledExecutorService prober = Executors.newScheduledThreadPool(4, daemonThreads("prober"));
    private final ExecutorService terminator = Executors.newCachedThreadPool(daemonThreads("terminator"));
    private final Map<String, PodRun> runs = new HashMap<>();
    /** The latest pod of each name that this kubelet runs, for tests on any thread. */
    private final Map<String, PodProcess> byName = new ConcurrentHashMap<>();

    Kubelet(KubernetesClient client, WorkDirectory dirs, LoopbackAddresses addresses, List<String> jvmOptions,
            Consumer<Pod> beforeReady) {
        this.client = client;
        this.dirs = dirs;
        this.volumes = new PodVolumes(client, dirs);
        this.addresses = addresses;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.beforeReady = beforeReady;
    }

    Optional<PodProcess> process(String podName) {
        return Optional.ofNullable(byName.get(podName));
    }

    /** One pod as run here; fields owned by the loop thread except where volatile. */
    private static final class PodRun {
        final String name;
        final String uid;
        final PodProcess process;
        final Instant admittedAt = Instant.now();
        Duration grace = Duration.ofSeconds(30);
        ContainerProbes probes;
        ScheduledFuture<?> probing;
        String waitingReason;
        String waitingMessage;
        long retryAtNanos = System.nanoTime();
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        boolean exitSeen;
        Integer lastExitCode;
        Instant lastStartedAt;
        Instant lastFinishedAt;
        boolean probeKillSent;
        boolean readyAnnounced;
        boolean terminating;
        volatile boolean terminated;

        PodRun(Pod pod, PodProcess process) {
            this.name = pod.getMetadata().getName();
            this.uid = pod.getMetadata().getUid();
            this.process = process;
        }

        void waiting(String reason, String message) {
            waitingReason = reason;
            waitingMessage = message;
        }
    }

    void sync(List<Pod> pods) {
        Set<String> present = new HashSet<>();
        for (Pod pod : pods) {
            present.add(pod.getMetadata().getUid());
            try {
                syncPod(pod);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    LOG.log(System.Logger.Level.WARNING, "pod " + pod.getMetadata().getName() + ": " + e.getMessage());
                }
            }
        }
        for (Iterator<PodRun> it = runs.values().iterator(); it.hasNext(); ) {
            PodRun run = it.next();
            if (present.contains(run.uid)) {
                continue;
            }
            // deleted before it carried the finalizer, or its finalizer is gone: nothing waits for it any more
            if (!run.terminating) {
                startTermination(run, null);
            }
            if (run.terminated) {
                it.remove();
                byName.remove(run.name, run.process);
            }
        }
    }

    private void syncPod(Pod pod) {
        PodRun run = runs.get(pod.getMetadata().getUid());
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
        if (run == null) {
            if (deleting) {
                removeFinalizer(pod);
                return;
            }
            if (!hasFinalizer(pod)) {
                pod = admit(pod);
            }
            run = new PodRun(pod, new PodProcess(pod.getMetadata().getName(), pod.getMetadata().getUid(),
                    addresses.allocate(), dirs.log(pod.getMetadata().getName()), dirs.pod(pod).resolve("rootfs")));
            runs.put(run.uid, run);
            byName.put(run.name, run.process);
        }
        Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
        run.grace = Duration.ofSeconds(grace == null ? 30 : grace);
        if (deleting) {
            if (!run.terminating) {
                startTermination(run, pod);
            }
            noteExit(run);
        } else {
            runContainer(run, pod);
        }
        writeStatus(run, pod);
    }

    /**
     * The finalizer, and the node: what the scheduler's binding and the kubelet's admission would leave. An update
     * guarded by the resourceVersion, not a merge patch: the mock server's merge patch appends to a list where the
     * RFC replaces it.
     */
    private Pod admit(Pod pod) {
        Pod admitted = new PodBuilder(pod).editMetadata().addToFinalizers(FINALIZER).endMetadata().build();
        if (admitted.getSpec().getNodeName() == null) {
            admitted.getSpec().setNodeName(NODE_NAME);
        }
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(admitted).update();
    }

    private static boolean hasFinalizer(Pod pod) {
        return pod.getMetadata().getFinalizers() != null && pod.getMetadata().getFinalizers().contains(FINALIZER);
    }

    private void runContainer(PodRun run, Pod pod) {
        PodProcess p = run.process;
        long now = System.nanoTime();
        if (noteExit(run)) {
            if (Duration.between(p.startedAt(), run.lastFinishedAt).toMillis() > MAX_BACKOFF_MILLIS) {
                run.backoffMillis = FIRST_BACKOFF_MILLIS;
            }
            run.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(run.backoffMillis);
            run.backoffMillis = Math.min(2 * run.backoffMillis, MAX_BACKOFF_MILLIS);
            run.waiting("CrashLoopBackOff", "back-off restarting failed container, exit code " + run.lastExitCode);
        }
        if (p.isAlive()) {
            String failure = run.probes == null ? null : run.probes.failure();
            if (failure != null && !run.probeKillSent) {
                run.probeKillSent = true;
                LOG.log(System.Logger.Level.INFO, run.name + ": " + failure + ", restarting its container");
                Duration grace = run.grace;
                terminator.execute(() -> p.terminate(grace));
            }
            return;
        }
        if (now - run.retryAtNanos < 0) {
            return;
        }
        if (runs.values().stream().anyMatch(r -> r != run && r.name.equals(run.name) && !r.terminated)) {
            run.waiting("ContainerCreating", "the previous pod " + run.name + " is still terminating");
            return;
        }
        Container container = pod.getSpec().getContainers().get(0);
        try {
            Map<String, Path> mounts = volumes.mount(pod, container);
            ContainerCommand command = ContainerCommand.of(client, pod, container, p.podIp(), HOST_IP, mounts);
            if (p.hasRun()) {
                p.countRestart();
            }
            p.start(command, jvmOptions);
            run.exitSeen = false;
            run.waiting(null, null);
            ContainerProbes probes = new ContainerProbes(container, p.podIp(), System.nanoTime());
            run.probes = probes;
            run.probing = prober.scheduleWithFixedDelay(() -> sample(run.name, probes),
                    ContainerProbes.PERIOD_MILLIS, ContainerProbes.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ContainerWaiting w) {
            run.waiting(w.reason(), w.getMessage());
            run.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(FIRST_BACKOFF_MILLIS);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, run.name + ": container did not start", e);
            run.waiting("RunContainerError", String.valueOf(e.getMessage()));
            run.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(run.backoffMillis);
            run.backoffMillis = Math.min(2 * run.backoffMillis, MAX_BACKOFF_MILLIS);
        }
    }

    /** Records the end of the container's run once, when it has ended; true that once. */
    private static boolean noteExit(PodRun run) {
        PodProcess p = run.process;
        if (!p.hasRun() || p.isAlive() || run.exitSeen) {
            return false;
        }
        run.exitSeen = true;
        run.lastExitCode = p.exitCode();
        run.lastStartedAt = p.startedAt();
        run.lastFinishedAt = Instant.now();
        run.probeKillSent = false;
        stopProbing(run);
        return true;
    }

    /** A throwing task of a scheduled executor is never run again: a probe must not throw. */
    private static void sample(String podName, ContainerProbes probes) {
        try {
            probes.sample();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, podName + ": probe failed to run", e);
        }
    }

    private static void stopProbing(PodRun run) {
        if (run.probing != null) {
            run.probing.cancel(false);
            run.probing = null;
        }
        run.probes = null;
    }

    private void startTermination(PodRun run, Pod pod) {
        run.terminating = true;
        stopProbing(run);
        Duration grace = run.grace;
        terminator.execute(() -> {
            try {
                run.process.terminate(grace);
            } finally {
                run.terminated = true;
            }
            if (pod != null) {
                removeFinalizer(pod);
            }
        });
    }

    /** Read, drop our finalizer, update guarded by the resourceVersion; again on a conflict. */
    private void removeFinalizer(Pod pod) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Pod latest = client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get();
            if (latest == null || !latest.getMetadata().getUid().equals(pod.getMetadata().getUid())
                    || !hasFinalizer(latest)) {
                return;
            }
            latest.getMetadata().getFinalizers().remove(FINALIZER);
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(latest).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409) {
                    LOG.log(System.Logger.Level.WARNING, pod.getMetadata().getName() + ": finalizer not removed", e);
                    return;
                }
            }
        }
        LOG.log(System.Logger.Level.WARNING, pod.getMetadata().getName() + ": finalizer not removed, conflicts");
    }

    private void writeStatus(PodRun run, Pod pod) {
        PodProcess p = run.process;
        boolean alive = p.isAlive();
        ContainerProbes probes = run.probes;
        KubeletStatus.Observed observed = new KubeletStatus.Observed(p.podIp(), HOST_IP, run.admittedAt,
                alive ? p.startedAt() : null,
                alive && probes != null && probes.ready(),
                alive && probes != null && probes.started(),
                run.terminating,
                alive ? null : run.waitingReason,
                alive ? null : run.waitingMessage,
                p.restartCount(), run.lastExitCode, run.lastStartedAt, run.lastFinishedAt,
                p.hasRun() ? "simulated://" + p.pid() : null);
        PodStatus next = KubeletStatus.merge(pod, observed);
        if (next.equals(pod.getStatus())) {
            return;
        }
        Pod updated = new PodBuilder(pod).withStatus(next).build();
        boolean ready = KubeletStatus.isReady(updated);
        if (ready && !run.readyAnnounced) {
            beforeReady.accept(pod);
            run.readyAnnounced = true;
        } else if (!ready) {
            run.readyAnnounced = false;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    /** Stops every pod's process (SIGTERM, then SIGKILL after its grace period, at most 10 s here). */
    @Override
    public void close() {
        prober.shutdownNow();
        List<Future<?>> stops = new ArrayList<>();
        for (PodRun run : runs.values()) {
            Duration grace = run.grace.compareTo(MAX_GRACE_AT_CLOSE) < 0 ? run.grace : MAX_GRACE_AT_CLOSE;
            stops.add(terminator.submit(() -> run.process.terminate(grace)));
        }
        for (Future<?> stop : stops) {
            try {
                stop.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "a pod's process did not stop", e);
            }
        }
        terminator.shutdownNow();
        runs.clear();
        byName.clear();
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "simulated-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
