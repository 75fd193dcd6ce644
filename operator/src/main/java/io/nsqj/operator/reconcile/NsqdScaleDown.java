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

    /** Evacuations under way, by namespace/pod; owned by the reconciler threads of one cluster at a time. */
    private final Map<String, PodEvacuation> evacuations = new ConcurrentHashMap<>();

    /** The outcome of one step: the replicas the StatefulSet gets now, and what the status says. */
    record Step(int replicas, ScaleDownStatus status) {
    }

    Step step(KubernetesClient client, NsqCluster cluster, ClusterNames names, int current, int wanted,
              List<Pod> nsqdPods, List<Pod> lookupdPods, ScaleDownStatus previous) {
        if (wanted >= current) {
            if (previous != null) {
                cancel(client, names.namespace(), previous.getPod(), nsqdPods);
                EventRecorder.record(client, cluster, EventRecorder.NORMAL, "ScaleDownCancelled",
                        "replicas raised to " + wanted + " while " + previous.getPod() + " was draining");
            }
            return new Step(wanted, null);
        }
        String leaving = names.nsqdPod(current - 1);
        Pod pod = nsqdPods.stream().filter(p -> p.getMetadata().getName().equals(leaving)).findFirst().orElse(null);
        if (pod == null) {
            return new Step(current - 1, null);
        }
        ScaleDownStatus status = previous != null && leaving.equals(previous.getPod()) ? previous : started(leaving);
        if (previous == null || !leaving.equals(previous.getPod())) {
            EventRecorder.record(client, cluster, EventRecorder.NORMAL, "DrainStarted",
                    "draining " + leaving + " before scaling nsqd from " + current + " to " + (current - 1));
        }
        stopPublishing(client, pod);
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
        if (Instant.parse(status.getStartedAt()).plus(timeout).isBefore(Instant.now())) {
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

    private static ScaleDownStatus started(String pod) {
        ScaleDownStatus s = new ScaleDownStatus();
        s.setPod(pod);
        s.setPhase(DRAINING);
        s.setStartedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return s;
    }

    /** Out of the producers' Service: the client Service selects {@code nsq.nsqj.io/publish=true}. */
    private static void stopPublishing(KubernetesClient client, Pod pod) {
        if ("false".equals(pod.getMetadata().getLabels().get(ClusterLabels.PUBLISH))) {
            return;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> {
                    p.getMetadata().getLabels().put(ClusterLabels.PUBLISH, "false");
                    return p;
                });
    }

    private void cancel(KubernetesClient client, String namespace, String podName, List<Pod> nsqdPods) {
        PodEvacuation evacuation = evacuations.remove(key(namespace, podName));
        if (evacuation != null) {
            evacuation.close();
        }
        nsqdPods.stream().filter(p -> p.getMetadata().getName().equals(podName)).findFirst().ifPresent(p ->
                client.pods().inNamespace(namespace).withName(podName).edit(e -> {
                    e.getMetadata().getLabels().put(ClusterLabels.PUBLISH, "true");
                    return e;
                }));
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
