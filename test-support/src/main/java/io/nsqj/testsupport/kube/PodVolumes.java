package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's volume mounts as directories of this machine: a claim's volume (see {@link WorkDirectory}), a
 * fresh directory per pod for emptyDir, and for a Secret or ConfigMap a directory per pod holding its keys as
 * files, written again at each container start. A volume whose object is missing keeps the container waiting, as
 * the kubelet does.
 */
final class PodVolumes {
    private final KubernetesClient client;
    private final WorkDirectory dirs;

    PodVolumes(KubernetesClient client, WorkDirectory dirs) {
        this.client = client;
        this.dirs = dirs;
    }

    /** Each mount path of {@code container} and the directory (or file, with subPath) behind it. */
    Map<String, Path> mount(Pod pod, Container container) throws ContainerWaiting {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount m : nullToEmpty(container.getVolumeMounts())) {
            Volume volume = nullToEmpty(pod.getSpec().getVolumes()).stream()
                    .filter(v -> v.getName().equals(m.getName())).findFirst()
                    .orElseThrow(() -> new ContainerWaiting("ContainerCreating", "volume \"" + m.getName() + "\" not in the pod's spec"));
            Path dir = directory(pod, volume);
            mounts.put(m.getMountPath(), m.getSubPath() == null || m.getSubPath().isEmpty()
                    ? dir : dir.resolve(m.getSubPath()));
        }
        return mounts;
    }

    private Path directory(Pod pod, Volume volume) throws ContainerWaiting {
        try {
            if (volume.getPersistentVolumeClaim() != null) {
                String claim = volume.getPersistentVolumeClaim().getClaimName();
                if (client.persistentVolumeClaims().inNamespace(dirs.namespace()).withName(claim).get() == null) {
                    throw new ContainerWaiting("ContainerCreating", "persistentvolumeclaim \"" + claim + "\" not found");
                }
                return Files.createDirectories(dirs.claim(claim));
            }
            Path dir = Files.createDirectories(dirs.pod(pod).resolve("volumes").resolve(volume.getName()));
            if (volume.getEmptyDir() != null) {
                return dir;
            }
            if (volume.getSecret() != null) {
                String name = volume.getSecret().getSecretName();
                Secret secret = client.secrets().inNamespace(dirs.namespace()).withName(name).get();
                if (secret == null) {
                    if (Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                        return dir;
                    }
                    throw new ContainerWaiting("ContainerCreating", "secret \"" + name + "\" not found");
                }
                Map<String, byte[]> files = new LinkedHashMap<>();
                nullToEmpty(secret.getData()).forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
                nullToEmpty(secret.getStringData()).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
                return write(dir, files, volume.getSecret().getItems());
            }
            if (volume.getConfigMap() != null) {
                String name = volume.getConfigMap().getName();
                ConfigMap map = client.configMaps().inNamespace(dirs.namespace()).withName(name).get();
                if (map == null) {
                    if (Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                        return dir;
                    }
                    throw new ContainerWaiting("ContainerCreating", "configmap \"" + name + "\" not found");
                }
                Map<String, byte[]> files = new LinkedHashMap<>();
                nullToEmpty(map.getData()).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
                nullToEmpty(map.getBinaryData()).forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
                return write(dir, files, volume.getConfigMap().getItems());
            }
            throw new ContainerWaiting("ContainerCreating", "volume \"" + volume.getName() + "\": only persistentVolumeClaim, emptyDir, secret and"
                    + " configMap volumes are simulated");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key as a file, or with {@code items} only those keys, at the paths they name. */
    private static Path write(Path dir, Map<String, byte[]> files, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
        } else {
            for (KeyToPath item : items) {
                byte[] content = files.get(item.getKey());
                if (content != null) {
                    Path file = dir.resolve(item.getPath());
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                }
            }
        }
        return dir;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
