package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * The startup, readiness and liveness probes of one run of a container, sampled every {@link #PERIOD_MILLIS}
 * whatever their periodSeconds, so that a pod turns Ready within a fifth of a second of its daemon answering.
 * Failures keep their real time: a probe fails once it has failed for (failureThreshold - 1) x periodSeconds, a
 * startup probe once failureThreshold x periodSeconds went by without success, so a daemon slowed by a busy
 * machine is not restarted any sooner than a kubelet would. Until the startup probe passes, the others wait.
 *
 * <p>Sampled by the prober's thread ({@link #sample}); the kubelet's loop reads the volatile results.
 */
final class ContainerProbes {
    static final long PERIOD_MILLIS = 200;

    private final Container container;
    private final String podIp;
    private final long startNanos;
    private final Tracked startup;
    private final Tracked readiness;
    private final Tracked liveness;
    private volatile boolean started;
    private volatile boolean ready;
    private volatile String failure;

    ContainerProbes(Container container, String podIp, long startNanos) {
        this.container = container;
        this.podIp = podIp;
        this.startNanos = startNanos;
        this.startup = Tracked.of(container.getStartupProbe());
        this.readiness = Tracked.of(container.getReadinessProbe());
        this.liveness = Tracked.of(container.getLivenessProbe());
        this.started = startup == null;
    }

    /** The startup probe passed (or there is none): readiness and liveness probes run. */
    boolean started() {
        return started;
    }

    /** The readiness probe passes (no readiness probe: the container started). */
    boolean ready() {
        return ready;
    }

    /** Why the kubelet must restart the container (liveness or startup probe failed), else null. */
    String failure() {
        return failure;
    }

    void sample() {
        long now = System.nanoTime();
        if (failure != null) {
            return;
        }
        if (!started) {
            if (!startup.due(now, startNanos)) {
                return;
            }
            if (startup.sample(container, podIp, now)) {
                started = true;
            } else if (now - startNanos >= startup.initialDelayNanos() + startup.thresholdWindowNanos()) {
                failure = "Startup probe failed";
                return;
            } else {
                return;
            }
        }
        if (readiness == null) {
            ready = true;
        } else if (readiness.due(now, startNanos)) {
            boolean passes = readiness.sample(container, podIp, now);
            if (passes) {
                ready = true;
            } else if (readiness.failedLongEnough(now)) {
                ready = false;
            }
        }
        if (liveness != null && liveness.due(now, startNanos)) {
            if (!liveness.sample(container, podIp, now) && liveness.failedLongEnough(now)) {
                failure = "Liveness probe failed";
                ready = false;
            }
        }
    }

    /** One probe's consecutive results. Owned by the prober's thread. */
    private static final class Tracked {
        private final Probe probe;
        private int successes;
        private long failingSinceNanos = -1;

        private Tracked(Probe probe) {
            this.probe = probe;
        }

        static Tracked of(Probe probe) {
            return probe == null ? null : new Tracked(probe);
        }

        boolean due(long now, long startNanos) {
            return now - startNanos >= initialDelayNanos();
        }

        /** Probes once; true when it has passed successThreshold times in a row. */
        boolean sample(Container container, String podIp, long now) {
            if (ProbeAction.passes(probe, container, podIp)) {
                successes++;
                failingSinceNanos = -1;
                return successes >= orDefault(probe.getSuccessThreshold(), 1);
            }
            successes = 0;
            if (failingSinceNanos < 0) {
                failingSinceNanos = now;
            }
            return false;
        }

        boolean failedLongEnough(long now) {
            long window = thresholdWindowNanos() - periodNanos();
            return failingSinceNanos >= 0 && now - failingSinceNanos >= Math.max(0, window);
        }

        long initialDelayNanos() {
            return orDefault(probe.getInitialDelaySeconds(), 0) * 1_000_000_000L;
        }

        long thresholdWindowNanos() {
            return orDefault(probe.getFailureThreshold(), 3) * periodNanos();
        }

        private long periodNanos() {
            return orDefault(probe.getPeriodSeconds(), 10) * 1_000_000_000L;
        }

        private static int orDefault(Integer value, int otherwise) {
            return value == null ? otherwise : value;
        }
    }
}
