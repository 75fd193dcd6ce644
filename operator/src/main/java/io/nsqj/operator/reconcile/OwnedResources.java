package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the objects the builders describe exist as described. Each carries a hash of what it was built from;
 * an object whose hash matches is left untouched, so reconciling a steady cluster writes nothing (and the
 * operator's own writes do not wake it up again in a loop).
 */
final class OwnedResources {
    static final String DESIRED_HASH = "nsq.nsqj.io/desired-hash";

    private OwnedResources() {
    }

    /** Creates or updates {@code desired}, owned by {@code owner}; returns what the API server holds. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T apply(KubernetesClient client, HasMetadata owner, T desired) {
        desired.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()));
        String hash = hash(desired);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        desired.getMetadata().getAnnotations().put(DESIRED_HASH, hash);
        T existing = (T) client.resource(desired).get();
        if (existing == null) {
            return client.resource(desired).create();
        }
        if (hash.equals(existing.getMetadata().getAnnotations() == null ? null
                : existing.getMetadata().getAnnotations().get(DESIRED_HASH))) {
            return existing;
        }
        keepWhatTheServerOwns(existing, desired);
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        return client.resource(desired).update();
    }

    /** Fields an update must carry over: assigned by the API server, or immutable once created. */
    private static void keepWhatTheServerOwns(HasMetadata existing, HasMetadata desired) {
        if (existing instanceof Service was && desired instanceof Service want) {
            want.getSpec().setClusterIP(was.getSpec().getClusterIP());
            want.getSpec().setClusterIPs(was.getSpec().getClusterIPs());
        }
        if (existing instanceof StatefulSet was && desired instanceof StatefulSet want) {
            // volumeClaimTemplates cannot change; a larger size is applied to the claims themselves
            want.getSpec().setVolumeClaimTemplates(was.getSpec().getVolumeClaimTemplates());
            want.setStatus(was.getStatus());
        }
    }

    static String hash(HasMetadata desired) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(Serialization.asJson(desired).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
