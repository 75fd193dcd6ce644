package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;

import java.nio.file.Path;

/**
 * Where a simulated namespace keeps its files: a claim's volume at {@code <workDir>/<namespace>/<claim>} (so it
 * outlives the pods that mount it), each pod's own directory (its working directory, emptyDir and secret volumes)
 * under {@code pods/}, and one log per pod name under {@code logs/}, appended across restarts and re-creations.
 */
record WorkDirectory(Path root, String namespace) {

    Path claim(String claimName) {
        return root.resolve(namespace).resolve(claimName);
    }

    Path pod(Pod pod) {
        return root.resolve(namespace).resolve("pods")
                .resolve(pod.getMetadata().getName() + "-" + pod.getMetadata().getUid());
    }

    Path log(String podName) {
        return root.resolve(namespace).resolve("logs").resolve(podName + ".log");
    }

    /** The DNS cache settings every pod's JVM reads (see {@link ClusterDns}). */
    Path dnsSecurityProperties() {
        return root.resolve("dns-cache.security");
    }
}
