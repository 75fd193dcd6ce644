package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.PodSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the lookupd and nsqd pod templates share: labels, pod settings, the downward API, probes. */
final class PodTemplates {
    static final long IMAGE_USER = 185;
    private PodTemplates() {
    }

    static Map<String, String> podLabels(NsqCluster cluster, String component) {
        Map<String, String> labels = new LinkedHashMap<>(settings(cluster).getLabels());
        labels.putAll(ClusterLabels.of(cluster.getMetadata().getName(), component));
        return labels;
    }

    static Map<String, String> podAnnotations(NsqCluster cluster) {
        return new LinkedHashMap<>(settings(cluster).getAnnotations());
    }

    static PodSettings settings(NsqCluster cluster) {
        PodSettings pod = cluster.getSpec().getPod();
        return pod == null ? new PodSettings() : pod;
    }

    /** POD_NAME and POD_NAMESPACE, so that args can say $(POD_NAME) and the kubelet fills it in. */
    static List<EnvVar> downwardApiEnv() {
        return List.of(
                new EnvVarBuilder().withName("POD_NAME")
                        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom()
                        .build(),
                new EnvVarBuilder().withName("POD_NAMESPACE")
                        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom()
                        .build());
    }

    /**
     * What every pod of the cluster gets: the user's scheduling settings and the security settings below; no
     * Service links, whose *_PORT variables would reach Quarkus' config through the environment.
     */
    static PodSpec podSpec(NsqCluster cluster) {
        PodSettings settings = settings(cluster);
        return new PodSpecBuilder()
                .withSecurityContext(securityContext())
                .withEnableServiceLinks(false)
                .withAffinity(settings.getAffinity())
                .withTolerations(settings.getTolerations())
                .withNodeSelector(settings.getNodeSelector())
                .build();
    }

    /**
     * The images run as uid 185 (Quarkus' JVM image user); fsGroup makes a fresh volume writable by it, or nsqd
     * could not write nsqd.dat on its first start.
     */
    static PodSecurityContext securityContext() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(IMAGE_USER)
                .withFsGroup(IMAGE_USER)
                // a large nsqd volume is not chown'ed again on every start
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** What Pod Security's "restricted" level asks of a container. */
    static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    static Probe httpProbe(String path, String port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withHttpGet(new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(port)).build())
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(3)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
