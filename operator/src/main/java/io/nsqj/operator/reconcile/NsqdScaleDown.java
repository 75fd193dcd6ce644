package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.ScaleDownStatus;
import io.nsqj.operator.nsq.LookupdAdmin;
import io.nsqj.operator.nsq.NodeInfo;
import io.nsqj.operator.nsq.NsqdAdmin;
import io.nsqj.operator.nsq.TopicStats;
import io.nsqj.operator.resources.ClusterLabels;
import io.nsqj.operator.resources.ClusterNames;
import io.nsqj.protocol.GoDuration;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lowers the nsqd StatefulSet one pod at a time, and only once the pod it removes (the highest ordinal) holds
 * nothing: first it takes the pod out of the producers' Service, tombstones its topics in every lookupd so no
 * new consumer goes there, then waits for depth, in-flight and deferred to reach 0 on every channel. When that
 * takes longer than the drain timeout, what is left is moved onto the remaining pods ({@link PodEvacuation}).
 */
final class NsqdScaleDown {
    private static final Logger LOG = Logger.getLogger(NsqdScaleDown.class);
    static final String DRAINING = "Draining";
    static final String MOVING = "Moving";
    /** On the pod being drained: when its drain began (RFC 3339). */
    static final String DRAIN_STARTED = "nsq.nsqj.io/drain-started";

    /** Evacuations under way, by namespace/pod; owned by the reconciler threads of one cluster at a time. */
    private final Map<String, PodEvacuation> evacuations = new ConcurrentHashMap<>();

    /** The outcome of one step: the replicas the StatefulSet gets now, and what the status says. */
    record Step(int replicas, ScaleDownStatus status) {
    }

    Step step(KubernetesClient client, NsqCluster cluster, ClusterNames names, int current, int wanted,
              List<Pod> nsqdPods, List<Pod> lookupdPods, ScaleDownStatus previous) {
        if (wanted >= current) {
            for (Pod pod : nsqdPods) {
                // a pod at or above the count is on its way out after its drain: nothing to cancel there
                if (draining(pod) && ordinal(pod) < current) {
                    cancel(client, names.namespace(), pod.getMetadata().getName());
                    EventRecorder.record(client, cluster, EventRecorder.NORMAL, "ScaleDownCancelled",
                            "replicas raised to " + wanted + " while " + pod.getMetadata().getName() + " was draining");
                }
            }
            return new Step(wanted, null);
        }
        String leaving = names.nsqdPod(current - 1);
        Pod pod = nsqdPods.stream().filter(p -> p.getMetadata().getName().equals(leaving)).findFirst().orElse(null);
        if (pod == null) {
            return new Step(current - 1, null);
        }
        Instant since = markDraining(client, pod);
        if (since == null) {
            since = Instant.now();
            EventRecorder.record(client, cluster, EventRecorder.NORMAL, "DrainStarted",
                    "draining " + leaving + " before scaling nsqd from " + current + " to " + (current - 1));
        }
        ScaleDownStatus status = new ScaleDownStatus();
        status.setPod(leaving);
        status.setStartedAt(since.truncatedTo(ChronoUnit.SECONDS).toString());
        status.setPhase(evacuations.containsKey(key(names.namespace(), leaving)) ? MOVING : DRAINING);
        status.setRemaining(previous != null && leaving.equals(previous.getPod()) ? previous.getRemaining() : 0);
        if (!ClusterPods.reachable(pod)) {
            return new Step(current, status);
        }
        NsqdAdmin broker = ClusterPods.nsqdAdmin(pod);
        NodeInfo node = broker.info();
        List<TopicStats> stats = broker.stats();
        tombstone(lookupdPods, node, stats);
        long remaining = stats.stream().mapToLong(TopicStats::remaining).sum();
        status.setRemaining(remaining);
        if (remaining == 0) {
            PodEvacuation done = evacuations.remove(key(names.namespace(), leaving));
            String moved = done == null ? "" : ", " + done.moved() + " messages moved to the other pods";
            if (done != null) {
                done.close();
            }
            EventRecorder.record(client, cluster, EventRecorder.NORMAL, "Drained",
                    leaving + " holds no messages" + moved + "; scaling nsqd to " + (current - 1));
            return new Step(current - 1, null);
        }
        Duration timeout = GoDuration.parse(cluster.getSpec().getNsqd().getDrainTimeout());
        if (since.plus(timeout).isBefore(Instant.now())) {
            List<NsqdAdmin> targets = nsqdPods.stream()
                    .filter(p -> ordinal(p) < current - 1 && ClusterPods.ready(p))
                    .map(ClusterPods::nsqdAdmin).toList();
            if (!MOVING.equals(status.getPhase())) {
                status.setPhase(MOVING);
                EventRecorder.record(client, cluster, EventRecorder.WARNING, "MovingMessages",
                        leaving + " still holds " + remaining + " messages after the drain timeout of "
                                + cluster.getSpec().getNsqd().getDrainTimeout() + "; moving them to "
                                + targets.size() + " remaining pods");
            }
            evacuations.computeIfAbsent(key(names.namespace(), leaving),
                    k -> new PodEvacuation(broker, ClusterPods.tcpAddress(pod))).update(stats, targets);
        }
        return new Step(current, status);
    }

    /**
     * Takes the pod out of the producers' Service (which selects {@code nsq.nsqj.io/publish=true}) and notes on
     * the pod itself when its drain began, so the timeout holds across operator restarts and stale caches.
     * Returns that time, or null when the drain begins now.
     */
    private static Instant markDraining(KubernetesClient client, Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String since = annotations == null ? null : annotations.get(DRAIN_STARTED);
        if (since != null && "false".equals(pod.getMetadata().getLabels().get(ClusterLabels.PUBLISH))) {
            return Instant.parse(since);
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> {
                    p.getMetadata().getLabels().put(ClusterLabels.PUBLISH, "false");
                    if (p.getMetadata().getAnnotations() == null) {
                        p.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
                    }
                    p.getMetadata().getAnnotations().putIfAbsent(DRAIN_STARTED, now);
                    return p;
                });
        return since == null ? null : Instant.parse(since);
    }

    private static boolean draining(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey(DRAIN_STARTED);
    }

    /** The pod stays: producers may publish to it again, and what was being moved off it stays. */
    private void cancel(KubernetesClient client, String namespace, String podName) {
        PodEvacuation evacuation = evacuations.remove(key(namespace, podName));
        if (evacuation != null) {
            evacuation.close();
        }
        client.pods().inNamespace(namespace).withName(podName).edit(e -> {
            e.getMetadata().getLabels().put(ClusterLabels.PUBLISH, "true");
            e.getMetadata().getAnnotations().remove(DRAIN_STARTED);
            return e;
        });
    }

    /** Again on every step: a tombstone lasts lookupd's --tombstone-lifetime (45 s by default). */
    private static void tombstone(List<Pod> lookupdPods, NodeInfo node, List<TopicStats> stats) {
        for (Pod lookupd : lookupdPods) {
            if (!ClusterPods.reachable(lookupd)) {
                continue;
            }
            LookupdAdmin admin = ClusterPods.lookupdAdmin(lookupd);
            for (TopicStats topic : stats) {
                try {
                    admin.tombstone(topic.name(), node.lookupdNode());
                } catch (RuntimeException e) {
                    LOG.debugf("tombstone of %s at %s: %s", topic.name(), lookupd.getMetadata().getName(), e.getMessage());
                }
            }
        }
    }

    static int ordinal(Pod pod) {
        String name = pod.getMetadata().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    private static String key(String namespace, String pod) {
        return namespace + "/" + pod;
    }

    /** Ends every evacuation of a cluster that is going away. */
    void forget(String namespace, String cluster) {
        evacuations.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(namespace + "/" + cluster + "-nsqd-")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }
}
