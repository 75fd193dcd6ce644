package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Dynamic provisioning with reclaim policy Delete, and the pvc-protection controller: a new claim is Bound at once
 * to a directory of its own (see {@link WorkDirectory}) and gets the {@code kubernetes.io/pvc-protection}
 * finalizer, so that deleting it leaves it Terminating while a pod that mounts it is still there; then its
 * directory is deleted and the claim goes.
 *
 * <p>Runs on the cluster's loop thread, which owns {@link #known}.
 */
final class StorageProvisioner {
    static final String PROTECTION = "kubernetes.io/pvc-protection";
    private static final System.Logger LOG = System.getLogger(StorageProvisioner.class.getName());

    private final KubernetesClient client;
    private final WorkDirectory dirs;
    /** Claims seen bound, so that one deleted before its finalizer was added still loses its directory. */
    private final Set<String> known = new HashSet<>();

    StorageProvisioner(KubernetesClient client, WorkDirectory dirs) {
        this.client = client;
        this.dirs = dirs;
    }

    void sync(List<PersistentVolumeClaim> claims, List<Pod> pods) {
        Set<String> present = new HashSet<>();
        for (PersistentVolumeClaim claim : claims) {
            String name = claim.getMetadata().getName();
            present.add(name);
            try {
                if (claim.getMetadata().getDeletionTimestamp() != null) {
                    if (!mounted(name, pods)) {
                        deleteDirectory(name);
                        removeFinalizer(claim);
                    }
                } else if (!protectedClaim(claim)) {
                    protect(claim);
                } else if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
                    bind(claim);
                    known.add(name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    LOG.log(System.Logger.Level.WARNING, "claim " + name + ": " + e.getMessage());
                }
            }
        }
        for (String gone : new ArrayList<>(known)) {
            if (!present.contains(gone) && !mounted(gone, pods)) {
                deleteDirectory(gone);
                known.remove(gone);
            }
        }
    }

    private static boolean protectedClaim(PersistentVolumeClaim claim) {
        return claim.getMetadata().getFinalizers() != null && claim.getMetadata().getFinalizers().contains(PROTECTION);
    }

    private static boolean mounted(String claimName, List<Pod> pods) {
        return pods.stream().anyMatch(p -> p.getSpec().getVolumes() != null && p.getSpec().getVolumes().stream()
                .anyMatch(v -> v.getPersistentVolumeClaim() != null
                        && claimName.equals(v.getPersistentVolumeClaim().getClaimName())));
    }

    private void protect(PersistentVolumeClaim claim) {
        client.persistentVolumeClaims().inNamespace(dirs.namespace()).resource(new PersistentVolumeClaimBuilder(claim)
                .editMetadata().addToFinalizers(PROTECTION).endMetadata().build()).update();
    }

    /** An update guarded by the resourceVersion: the mock server's merge patch would append to the list. */
    private void removeFinalizer(PersistentVolumeClaim claim) {
        client.persistentVolumeClaims().inNamespace(dirs.namespace()).resource(new PersistentVolumeClaimBuilder(claim)
                .editMetadata().removeFromFinalizers(PROTECTION).endMetadata().build()).update();
    }

    private void bind(PersistentVolumeClaim claim) {
        try {
            Files.createDirectories(dirs.claim(claim.getMetadata().getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Quantity> capacity = claim.getSpec() != null && claim.getSpec().getResources() != null
                && claim.getSpec().getResources().getRequests() != null
                ? claim.getSpec().getResources().getRequests() : Map.of();
        PersistentVolumeClaim bound = new PersistentVolumeClaimBuilder(claim)
                .withStatus((claim.getStatus() == null ? new PersistentVolumeClaimStatusBuilder()
                        : new PersistentVolumeClaimStatusBuilder(claim.getStatus()))
                        .withPhase("Bound")
                        .withAccessModes(claim.getSpec() == null ? null : claim.getSpec().getAccessModes())
                        .withCapacity(capacity.containsKey("storage") ? Map.of("storage", capacity.get("storage")) : null)
                        .build())
                .build();
        client.persistentVolumeClaims().inNamespace(dirs.namespace()).resource(bound).updateStatus();
    }

    private void deleteDirectory(String claimName) {
        Path dir = dirs.claim(claimName);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "claim " + claimName + ": directory not deleted - " + e);
        }
    }
}
