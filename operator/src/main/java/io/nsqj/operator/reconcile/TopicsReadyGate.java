package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nsqj.operator.resources.NsqdStatefulSet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod readiness gate {@value NsqdStatefulSet#TOPICS_READY_GATE}: the kubelet counts an nsqd pod Ready (in
 * Services, done for a rolling update) only once the operator has put its condition here, after creating the
 * cluster's topics on it.
 */
final class TopicsReadyGate {
    private TopicsReadyGate() {
    }

    static boolean isOpen(Pod pod) {
        return ClusterPods.conditionTrue(pod, NsqdStatefulSet.TOPICS_READY_GATE);
    }

    /**
     * Sets the condition with an update guarded by the resource version, so that a kubelet's concurrent status
     * write is never lost (a merge patch would replace the whole list of conditions). Returns false on conflict.
     */
    static boolean open(KubernetesClient client, Pod pod, String message) {
        Pod latest = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        if (latest == null || !latest.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
            return false;
        }
        List<PodCondition> conditions = new ArrayList<>(latest.getStatus().getConditions() == null
                ? List.of() : latest.getStatus().getConditions());
        conditions.removeIf(c -> NsqdStatefulSet.TOPICS_READY_GATE.equals(c.getType()));
        conditions.add(new PodConditionBuilder().withType(NsqdStatefulSet.TOPICS_READY_GATE).withStatus("True")
                .withReason("TopicsCreated").withMessage(message)
                .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build());
        latest.getStatus().setConditions(conditions);
        try {
            client.pods().resource(latest).updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }
}
