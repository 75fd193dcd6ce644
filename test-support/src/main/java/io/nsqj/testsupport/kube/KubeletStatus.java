package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of a pod's status the kubelet owns (phase, IPs, start time, container statuses and the conditions
 * PodScheduled, Initialized, ContainersReady and Ready) merged into the status as others left it: every other
 * condition, such as the operator's readiness gates, is kept as it is. Ready is ContainersReady and every
 * readiness gate's condition True, and never while the pod terminates.
 */
final class KubeletStatus {
    static final String READY = "Ready";
    static final String CONTAINERS_READY = "ContainersReady";
    private static final String INITIALIZED = "Initialized";
    private static final String SCHEDULED = "PodScheduled";
    private static final Set<String> OWNED = Set.of(SCHEDULED, INITIALIZED, CONTAINERS_READY, READY);

    private KubeletStatus() {
    }

    /** What the kubelet sees of a pod's first container right now. */
    record Observed(String podIp, String hostIp, Instant podStartedAt, Instant runningSince, boolean containerReady,
                    boolean containerStarted, boolean terminating, String waitingReason, String waitingMessage,
                    int restartCount, Integer lastExitCode, Instant lastStartedAt, Instant lastFinishedAt,
                    String containerId) {
    }

    static PodStatus merge(Pod pod, Observed o) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<PodCondition> before = current.getConditions() == null ? List.of() : current.getConditions();
        boolean containersReady = o.containerReady() && !o.terminating();
        String notReady = "containers with unready status: [" + pod.getSpec().getContainers().get(0).getName() + "]";
        String missingGate = missingGate(pod, before);
        boolean ready = containersReady && missingGate == null;
        Map<String, PodCondition> ours = Map.of(
                SCHEDULED, condition(before, SCHEDULED, true, null, null, o.podStartedAt()),
                // no init containers: initialized as soon as scheduled
                INITIALIZED, condition(before, INITIALIZED, true, null, null, o.podStartedAt()),
                CONTAINERS_READY, condition(before, CONTAINERS_READY, containersReady,
                        containersReady ? null : "ContainersNotReady", containersReady ? null : notReady, null),
                READY, condition(before, READY, ready,
                        ready ? null : containersReady ? "ReadinessGatesNotReady" : "ContainersNotReady",
                        ready ? null : containersReady ? missingGate : notReady, null));
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition c : before) {
            conditions.add(OWNED.contains(c.getType()) ? ours.get(c.getType()) : c);
        }
        for (String type : List.of(INITIALIZED, READY, CONTAINERS_READY, SCHEDULED)) {
            if (before.stream().noneMatch(c -> type.equals(c.getType()))) {
                conditions.add(ours.get(type));
            }
        }
        boolean everRan = o.runningSince() != null || o.lastExitCode() != null;
        return new PodStatusBuilder(current)
                .withPhase(everRan ? "Running" : "Pending")
                .withPodIP(o.podIp())
                .withPodIPs(o.podIp() == null ? List.of() : List.of(new PodIP(o.podIp())))
                .withHostIP(o.hostIp())
                .withHostIPs(List.of(new HostIP(o.hostIp())))
                .withStartTime(time(o.podStartedAt()))
                .withConditions(conditions)
                .withContainerStatuses(containerStatuses(pod, o))
                .build();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> READY.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The message for the first readiness gate whose condition is not True, or null when all are. */
    private static String missingGate(Pod pod, List<PodCondition> conditions) {
        for (PodReadinessGate gate : pod.getSpec().getReadinessGates() == null
                ? List.<PodReadinessGate>of() : pod.getSpec().getReadinessGates()) {
            PodCondition c = conditions.stream().filter(x -> gate.getConditionType().equals(x.getType()))
                    .findFirst().orElse(null);
            if (c == null) {
                return "corresponding condition of pod readiness gate \"" + gate.getConditionType() + "\" does not exist.";
            }
            if (!"True".equals(c.getStatus())) {
                return "the status of pod readiness gate \"" + gate.getConditionType() + "\" is not \"True\", but "
                        + c.getStatus();
            }
        }
        return null;
    }

    /** A condition of ours; its transition time moves only when its status does. */
    private static PodCondition condition(List<PodCondition> before, String type, boolean status, String reason,
                                          String message, Instant since) {
        String value = status ? "True" : "False";
        PodCondition previous = before.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = previous != null && value.equals(previous.getStatus())
                ? previous.getLastTransitionTime() : time(since != null ? since : Instant.now());
        return new PodConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).build();
    }

    private static List<ContainerStatus> containerStatuses(Pod pod, Observed o) {
        List<ContainerStatus> statuses = new ArrayList<>();
        List<Container> containers = pod.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            ContainerStatusBuilder s = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                    .withImageID("simulated://" + c.getImage());
            if (i > 0) {
                // only the first container runs; the others are reported as a kubelet would once they are up
                statuses.add(s.withReady(!o.terminating()).withStarted(true).withRestartCount(0)
                        .withState(running(o.podStartedAt())).build());
                continue;
            }
            ContainerState state;
            if (o.runningSince() != null) {
                state = running(o.runningSince());
            } else if (o.waitingReason() != null || o.lastExitCode() == null) {
                state = new ContainerStateBuilder().withNewWaiting()
                        .withReason(o.waitingReason() != null ? o.waitingReason() : "ContainerCreating")
                        .withMessage(o.waitingMessage()).endWaiting().build();
            } else {
                state = terminated(o);
            }
            s.withReady(o.containerReady() && !o.terminating()).withStarted(o.containerStarted())
                    .withRestartCount(o.restartCount()).withContainerID(o.containerId()).withState(state);
            if (o.lastExitCode() != null && (o.runningSince() != null || o.waitingReason() != null)) {
                s.withLastState(terminated(o));
            }
            statuses.add(s.build());
        }
        return statuses;
    }

    private static ContainerState running(Instant since) {
        return new ContainerStateBuilder().withNewRunning().withStartedAt(time(since)).endRunning().build();
    }

    private static ContainerState terminated(Observed o) {
        int code = Objects.requireNonNull(o.lastExitCode());
        return new ContainerStateBuilder().withNewTerminated().withExitCode(code)
                .withReason(code == 0 ? "Completed" : "Error")
                .withStartedAt(time(o.lastStartedAt())).withFinishedAt(time(o.lastFinishedAt())).endTerminated().build();
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
