package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nsqj.operator.nsq.LookupdAdmin;
import io.nsqj.operator.nsq.NsqdAdmin;
import io.nsqj.operator.resources.ClusterLabels;
import io.nsqj.operator.resources.ClusterNames;

import java.util.Comparator;
import java.util.List;

/** The pods of a cluster as the API server reports them, and how to reach them: by pod IP, never DNS. */
final class ClusterPods {
    private ClusterPods() {
    }

    static List<Pod> nsqd(KubernetesClient client, String namespace, String cluster) {
        return list(client, namespace, cluster, ClusterLabels.NSQD);
    }

    static List<Pod> lookupd(KubernetesClient client, String namespace, String cluster) {
        return list(client, namespace, cluster, ClusterLabels.LOOKUPD);
    }

    private static List<Pod> list(KubernetesClient client, String namespace, String cluster, String component) {
        return client.pods().inNamespace(namespace)
                .withLabels(ClusterLabels.selector(cluster, component)).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /** Running, with an IP, not on its way out: something to talk to. */
    static boolean reachable(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty();
    }

    /** The broker passes its readiness probe: listeners up, data path writable, a lookupd connected. */
    static boolean containersReady(Pod pod) {
        return reachable(pod) && conditionTrue(pod, "ContainersReady");
    }

    static boolean ready(Pod pod) {
        return reachable(pod) && conditionTrue(pod, "Ready");
    }

    static boolean conditionTrue(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    static NsqdAdmin nsqdAdmin(Pod pod) {
        return new NsqdAdmin(pod.getStatus().getPodIP(), ClusterNames.NSQD_HTTP_PORT);
    }

    static LookupdAdmin lookupdAdmin(Pod pod) {
        return new LookupdAdmin(pod.getStatus().getPodIP(), ClusterNames.LOOKUPD_HTTP_PORT);
    }

    static String tcpAddress(Pod pod) {
        return pod.getStatus().getPodIP() + ":" + ClusterNames.NSQD_TCP_PORT;
    }
}
