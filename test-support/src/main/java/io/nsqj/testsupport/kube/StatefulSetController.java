package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The StatefulSet controller: pods {@code <set>-0 .. <set>-(N-1)} from the template, each with its claims
 * {@code <claim template>-<pod>}, which outlive the pods. With podManagementPolicy OrderedReady (the default) a pod
 * is created only once every lower ordinal is Ready, and a scale-down deletes the highest ordinal first, one at a
 * time; Parallel does both at once. A RollingUpdate replaces the pods whose revision is not the template's, from
 * the highest ordinal down to the partition, one at a time and only while every other pod is Ready. A pod deleted
 * by someone else is created again. persistentVolumeClaimRetentionPolicy: whenDeleted=Delete makes the set the
 * claims' owner (the garbage collector removes them with it), whenScaled=Delete makes a condemned pod the owner
 * of its claims (they go with the pod).
 *
 * <p>Runs on the cluster's loop thread, which owns {@link #templates}; each round does at most one step that has
 * to wait (one pod created or deleted) per set, as the real controller does between two of its syncs.
 */
final class StatefulSetController {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";
    private static final System.Logger LOG = System.getLogger(StatefulSetController.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    /** Each revision's template as first seen, to create a pod below the partition at the current revision. */
    private final Map<String, PodTemplateSpec> templates = new HashMap<>();

    StatefulSetController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void sync(List<StatefulSet> sets, List<Pod> pods, List<PersistentVolumeClaim> claims) {
        for (StatefulSet set : sets) {
            if (set.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                syncSet(set, pods, claims);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404) {
                    LOG.log(System.Logger.Level.WARNING, "statefulset " + set.getMetadata().getName() + ": "
                            + e.getMessage());
                }
            }
        }
    }

    private void syncSet(StatefulSet set, List<Pod> allPods, List<PersistentVolumeClaim> claims) {
        StatefulSetSpec spec = set.getSpec();
        String name = set.getMetadata().getName();
        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        String updateRevision = PodTemplateHash.revision(name, spec.getTemplate());
        templates.putIfAbsent(updateRevision, spec.getTemplate());
        String currentRevision = set.getStatus() != null && set.getStatus().getCurrentRevision() != null
                ? set.getStatus().getCurrentRevision() : updateRevision;
        Map<Integer, Pod> pods = ownedPods(set, allPods);
        reconcileClaimOwners(set, pods, claims, replicas);
        step(set, pods, claims, replicas, currentRevision, updateRevision);
        // from this round's snapshot: what step() just did shows in the next round's status
        writeStatus(set, pods, replicas, currentRevision, updateRevision);
    }

    /** Pods whose controller is this set, by ordinal. */
    private static Map<Integer, Pod> ownedPods(StatefulSet set, List<Pod> pods) {
        Map<Integer, Pod> owned = new TreeMap<>();
        String prefix = set.getMetadata().getName() + "-";
        for (Pod pod : pods) {
            String podName = pod.getMetadata().getName();
            boolean controlled = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences()
                    .stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                            && set.getMetadata().getUid().equals(r.getUid()));
            if (controlled && podName.startsWith(prefix) && isOrdinal(podName.substring(prefix.length()))) {
                owned.put(Integer.parseInt(podName.substring(prefix.length())), pod);
            }
        }
        return owned;
    }

    private static boolean isOrdinal(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private void step(StatefulSet set, Map<Integer, Pod> pods, List<PersistentVolumeClaim> claims, int replicas,
                      String currentRevision, String updateRevision) {
        StatefulSetSpec spec = set.getSpec();
        boolean ordered = !"Parallel".equals(spec.getPodManagementPolicy());
        boolean rolling = spec.getUpdateStrategy() == null || spec.getUpdateStrategy().getType() == null
                || "RollingUpdate".equals(spec.getUpdateStrategy().getType());
        int partition = rolling && spec.getUpdateStrategy() != null && spec.getUpdateStrategy().getRollingUpdate() != null
                && spec.getUpdateStrategy().getRollingUpdate().getPartition() != null
                ? spec.getUpdateStrategy().getRollingUpdate().getPartition() : 0;

        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            Pod pod = pods.get(ordinal);
            if (pod == null) {
                String revision = rolling && ordinal < partition && templates.containsKey(currentRevision)
                        ? currentRevision : updateRevision;
                createClaims(set, ordinal, claims);
                createPod(set, ordinal, revision);
                if (ordered) {
                    return;
                }
            } else if (ordered && (isTerminating(pod) || !KubeletStatus.isReady(pod))) {
                return;
            }
        }

        List<Pod> condemned = pods.entrySet().stream().filter(e -> e.getKey() >= replicas)
                .sorted(Map.Entry.<Integer, Pod>comparingByKey().reversed()).map(Map.Entry::getValue).toList();
        if (!condemned.isEmpty()) {
            if (!ordered) {
                condemned.stream().filter(p -> !isTerminating(p)).forEach(this::delete);
            } else if (pods.values().stream().noneMatch(StatefulSetController::isTerminating)) {
                delete(condemned.get(0));
            }
            if (ordered) {
                return;
            }
        }

        if (!rolling) {
            return;
        }
        for (int target = replicas - 1; target >= partition; target--) {
            Pod pod = pods.get(target);
            if (pod == null) {
                return;
            }
            if (!updateRevision.equals(revision(pod)) && !isTerminating(pod)) {
                int t = target;
                boolean othersReady = pods.entrySet().stream().filter(e -> e.getKey() != t && e.getKey() < replicas)
                        .allMatch(e -> !isTerminating(e.getValue()) && KubeletStatus.isReady(e.getValue()))
                        && pods.keySet().stream().filter(i -> i < replicas).count() == replicas;
                if (othersReady) {
                    delete(pod);
                }
                return;
            }
            if (isTerminating(pod) || !KubeletStatus.isReady(pod)) {
                return;
            }
        }
    }

    private void createPod(StatefulSet set, int ordinal, String revision) {
        String setName = set.getMetadata().getName();
        String podName = setName + "-" + ordinal;
        PodTemplateSpec template = templates.get(revision);
        PodSpec spec = client.getKubernetesSerialization().clone(template.getSpec());
        spec.setHostname(podName);
        spec.setSubdomain(set.getSpec().getServiceName());
        List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
        for (PersistentVolumeClaim claim : claimTemplates(set)) {
            String claimName = claim.getMetadata().getName();
            volumes.removeIf(v -> v.getName().equals(claimName));
            volumes.add(new VolumeBuilder().withName(claimName).withNewPersistentVolumeClaim()
                    .withClaimName(claimName + "-" + podName).endPersistentVolumeClaim().build());
        }
        spec.setVolumes(volumes);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, podName);
        labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
        labels.put(REVISION_LABEL, revision);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(podName)
                    .withNamespace(namespace)
                    .withLabels(labels)
                    .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                    .withOwnerReferences(ownerRef(set, true))
                .endMetadata()
                .withSpec(spec)
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    private void createClaims(StatefulSet set, int ordinal, List<PersistentVolumeClaim> existing) {
        String podName = set.getMetadata().getName() + "-" + ordinal;
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            String claimName = template.getMetadata().getName() + "-" + podName;
            if (existing.stream().anyMatch(c -> c.getMetadata().getName().equals(claimName))) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels());
            if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(set.getSpec().getSelector().getMatchLabels());
            }
            PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                        .withName(claimName)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withAnnotations(template.getMetadata().getAnnotations())
                        .withOwnerReferences(deletedWithSet(set) ? List.of(ownerRef(set, false)) : List.of())
                    .endMetadata()
                    .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                    .build();
            try {
                client.persistentVolumeClaims().inNamespace(namespace).resource(claim).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /**
     * Each claim's owners as the retention policy wants them now: the set when whenDeleted is Delete, the pod when
     * whenScaled is Delete and the pod's ordinal is condemned (no longer once it is back in range). A condemned
     * ordinal's claim whose pod is already gone is deleted at once.
     */
    private void reconcileClaimOwners(StatefulSet set, Map<Integer, Pod> pods, List<PersistentVolumeClaim> claims,
                                      int replicas) {
        String setName = set.getMetadata().getName();
        String setUid = set.getMetadata().getUid();
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            String prefix = template.getMetadata().getName() + "-" + setName + "-";
            for (PersistentVolumeClaim claim : claims) {
                String claimName = claim.getMetadata().getName();
                if (!claimName.startsWith(prefix) || !isOrdinal(claimName.substring(prefix.length()))
                        || claim.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                int ordinal = Integer.parseInt(claimName.substring(prefix.length()));
                String podName = setName + "-" + ordinal;
                Pod pod = pods.get(ordinal);
                boolean condemned = ordinal >= replicas && deletedWhenScaled(set);
                if (condemned && pod == null) {
                    client.persistentVolumeClaims().inNamespace(namespace).resource(claim).delete();
                    continue;
                }
                List<OwnerReference> current = claim.getMetadata().getOwnerReferences() == null
                        ? List.of() : claim.getMetadata().getOwnerReferences();
                List<OwnerReference> wanted = new ArrayList<>(current.stream()
                        .filter(r -> !setUid.equals(r.getUid()) && !("Pod".equals(r.getKind()) && podName.equals(r.getName())))
                        .toList());
                if (deletedWithSet(set)) {
                    wanted.add(ownerRef(set, false));
                }
                if (condemned) {
                    wanted.add(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(podName)
                            .withUid(pod.getMetadata().getUid()).build());
                }
                Comparator<OwnerReference> byUid = Comparator.comparing(OwnerReference::getUid);
                if (!current.stream().sorted(byUid).toList().equals(wanted.stream().sorted(byUid).toList())) {
                    // an update guarded by the resourceVersion: the mock server's merge patch appends to lists
                    client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder(claim)
                            .editMetadata().withOwnerReferences(wanted).endMetadata().build()).update();
                }
            }
        }
    }

    private void writeStatus(StatefulSet set, Map<Integer, Pod> pods, int replicas, String currentRevision,
                             String updateRevision) {
        int ready = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods.values()) {
            if (KubeletStatus.isReady(pod) && !isTerminating(pod)) {
                ready++;
            }
            if (!isTerminating(pod)) {
                current += currentRevision.equals(revision(pod)) ? 1 : 0;
                updated += updateRevision.equals(revision(pod)) ? 1 : 0;
            }
        }
        if (updated == replicas && ready == replicas && pods.size() == replicas) {
            currentRevision = updateRevision;
            current = updated;
        }
        StatefulSetStatus before = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
        StatefulSetStatus next = new StatefulSetStatusBuilder(before)
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(pods.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(current)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(currentRevision)
                .withUpdateRevision(updateRevision)
                .build();
        if (!Objects.equals(next, set.getStatus())) {
            client.apps().statefulSets().inNamespace(namespace)
                    .resource(new StatefulSetBuilder(set).withStatus(next).build()).updateStatus();
        }
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(namespace).resource(pod).delete();
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }

    private static boolean deletedWithSet(StatefulSet set) {
        StatefulSetPersistentVolumeClaimRetentionPolicy policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return policy != null && "Delete".equals(policy.getWhenDeleted());
    }

    private static boolean deletedWhenScaled(StatefulSet set) {
        StatefulSetPersistentVolumeClaimRetentionPolicy policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return policy != null && "Delete".equals(policy.getWhenScaled());
    }

    private static OwnerReference ownerRef(StatefulSet set, boolean controller) {
        OwnerReferenceBuilder ref = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid());
        if (controller) {
            ref.withController(true).withBlockOwnerDeletion(true);
        }
        return ref.build();
    }

    static String revision(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
    }

    static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }
}
