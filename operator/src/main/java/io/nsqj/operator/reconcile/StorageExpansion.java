package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.resources.ClusterNames;
import io.nsqj.operator.resources.NsqdStatefulSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A StatefulSet's claim template cannot change, so a larger {@code storage.size} is applied to each pod's
 * claim, where its StorageClass allows expansion. Returns what could not be done, for the status and events.
 */
final class StorageExpansion {
    private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

    private StorageExpansion() {
    }

    static List<String> apply(KubernetesClient client, NsqCluster cluster, ClusterNames names, int replicas) {
        Quantity wanted = new Quantity(cluster.getSpec().getNsqd().getStorage().getSize());
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String name = NsqdStatefulSet.DATA_VOLUME + "-" + names.nsqdPod(i);
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(names.namespace()).withName(name).get();
            if (claim == null || claim.getSpec().getResources() == null
                    || claim.getSpec().getResources().getRequests() == null) {
                continue;
            }
            Quantity current = claim.getSpec().getResources().getRequests().get("storage");
            int cmp = current == null ? -1 : current.compareTo(wanted);
            if (cmp == 0) {
                continue;
            }
            if (cmp > 0) {
                refused.add(name + " is " + current + ": a claim cannot shrink to " + wanted);
                continue;
            }
            StorageClass sc = storageClass(client, claim.getSpec().getStorageClassName());
            if (sc == null || !Boolean.TRUE.equals(sc.getAllowVolumeExpansion())) {
                refused.add(name + " stays at " + current + ": StorageClass "
                        + (sc == null ? "(none found)" : sc.getMetadata().getName()) + " does not allow volume expansion");
                continue;
            }
            client.persistentVolumeClaims().inNamespace(names.namespace()).withName(name).edit(c -> {
                c.getSpec().getResources().getRequests().put("storage", wanted);
                return c;
            });
        }
        return refused;
    }

    private static StorageClass storageClass(KubernetesClient client, String name) {
        if (name != null && !name.isEmpty()) {
            return client.storage().v1().storageClasses().withName(name).get();
        }
        return client.storage().v1().storageClasses().list().getItems().stream()
                .filter(sc -> sc.getMetadata().getAnnotations() != null
                        && "true".equals(sc.getMetadata().getAnnotations().get(DEFAULT_CLASS)))
                .findFirst().orElse(null);
    }
}
