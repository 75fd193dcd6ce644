package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The garbage collector: deletes an object of the namespace once every owner its ownerReferences name is gone,
 * that is no object of that apiVersion, kind and name exists with that uid (a namesake made since is another
 * owner). Deleting cascades, one generation per pass: pods and claims go after their StatefulSet. An owner that
 * cannot be looked up (a kind the API server does not know, a failed request) counts as present.
 *
 * <p>Runs on the cluster's loop thread.
 */
final class GarbageCollector {
    /** What an operator's objects usually own; {@link #alsoCollect} adds more. */
    private static final List<String[]> USUAL_KINDS = List.of(
            new String[]{"v1", "Pod"},
            new String[]{"v1", "PersistentVolumeClaim"},
            new String[]{"v1", "Service"},
            new String[]{"v1", "ConfigMap"},
            new String[]{"v1", "Secret"},
            new String[]{"v1", "ServiceAccount"},
            new String[]{"apps/v1", "StatefulSet"},
            new String[]{"apps/v1", "Deployment"},
            new String[]{"apps/v1", "ReplicaSet"},
            new String[]{"policy/v1", "PodDisruptionBudget"});
    private static final System.Logger LOG = System.getLogger(GarbageCollector.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final List<String[]> kinds = new CopyOnWriteArrayList<>(USUAL_KINDS);

    GarbageCollector(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void alsoCollect(String apiVersion, String kind) {
        kinds.add(new String[]{apiVersion, kind});
    }

    void collect() {
        Map<List<String>, Owner> ownersSeen = new HashMap<>();
        for (String[] kind : kinds) {
            for (GenericKubernetesResource object : client.genericKubernetesResources(kind[0], kind[1])
                    .inNamespace(namespace).list().getItems()) {
                List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
                if (owners == null || owners.isEmpty() || object.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                boolean orphan = owners.stream().allMatch(ref -> ownersSeen.computeIfAbsent(
                        List.of(ref.getApiVersion(), ref.getKind(), ref.getName()), k -> lookUp(ref)).isNot(ref));
                if (orphan) {
                    LOG.log(System.Logger.Level.DEBUG, "collecting " + kind[1] + " " + object.getMetadata().getName());
                    client.genericKubernetesResources(kind[0], kind[1]).inNamespace(namespace)
                            .withName(object.getMetadata().getName()).delete();
                }
            }
        }
    }

    /** What exists under an owner reference's apiVersion, kind and name: its uid, null if nothing. */
    private record Owner(boolean unknown, String uid) {
        boolean isNot(OwnerReference ref) {
            return !unknown && (uid == null || !uid.equals(ref.getUid()));
        }
    }

    private Owner lookUp(OwnerReference ref) {
        try {
            GenericKubernetesResource owner = client.genericKubernetesResources(ref.getApiVersion(), ref.getKind())
                    .inNamespace(namespace).withName(ref.getName()).get();
            return new Owner(false, owner == null ? null : owner.getMetadata().getUid());
        } catch (KubernetesClientException e) {
            return new Owner(true, null);
        }
    }
}
