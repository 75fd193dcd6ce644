package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqdSpec;
import io.nsqj.operator.model.StorageSpec;
import io.nsqj.operator.model.TlsSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nsqd StatefulSet: one persistent volume per pod for --data-path, every setting as nsqd flags, a stable
 * DNS name per pod as --broadcast-address, the lookupd headless Service as --lookupd-tcp-address, and the
 * readiness gate that keeps a pod out of every Service until the operator has created its topics.
 */
public final class NsqdStatefulSet {
    public static final String TOPICS_READY_GATE = "nsq.nsqj.io/topics-ready";
    public static final String DATA_VOLUME = "data";
    public static final String DATA_PATH = "/data";
    public static final String TLS_VOLUME = "tls";
    public static final String TLS_PATH = "/etc/nsq/tls";
    /** nsqd writes what it holds in memory to disk on SIGTERM; give it time to, beyond Quarkus' 30 s. */
    public static final long TERMINATION_GRACE_SECONDS = 60;
    static final Set<String> OWNED_FLAGS = Set.of("tcp-address", "http-address", "https-address", "data-path",
            "broadcast-address", "broadcast-tcp-port", "broadcast-http-port", "lookupd-tcp-address",
            "tls-cert", "tls-key", "tls-root-ca-file", "tls-client-auth-policy");

    private NsqdStatefulSet() {
    }

    /** The StatefulSet with {@code replicas} pods: the reconciler decides the count, during a scale-down too. */
    public static StatefulSet desired(NsqCluster cluster, ClusterNames names, int replicas) {
        NsqdSpec spec = cluster.getSpec().getNsqd();
        TlsSpec tls = cluster.getSpec().getTls();
        Map<String, String> podLabels = PodTemplates.podLabels(cluster, ClusterLabels.NSQD);
        podLabels.put(ClusterLabels.PUBLISH, "true");
        Map<String, String> annotations = PodTemplates.podAnnotations(cluster);
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(ClusterNames.NSQD_HTTP_PORT));
        annotations.put("prometheus.io/path", "/q/metrics");

        List<ContainerPort> ports = new ArrayList<>(List.of(
                port("tcp", ClusterNames.NSQD_TCP_PORT), port("http", ClusterNames.NSQD_HTTP_PORT)));
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(DATA_PATH).build()));
        List<Volume> volumes = new ArrayList<>();
        if (tls != null) {
            ports.add(port("https", ClusterNames.NSQD_HTTPS_PORT));
            mounts.add(new VolumeMountBuilder().withName(TLS_VOLUME).withMountPath(TLS_PATH).withReadOnly(true).build());
            volumes.add(new VolumeBuilder().withName(TLS_VOLUME)
                    .withNewSecret().withSecretName(tls.getSecretName()).endSecret().build());
        }

        return new StatefulSetBuilder()
                .withNewMetadata()
                    .withName(names.nsqd())
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.NSQD))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withServiceName(names.nsqd())
                    .withPodManagementPolicy("OrderedReady")
                    .withNewSelector().withMatchLabels(ClusterLabels.selector(names.cluster(), ClusterLabels.NSQD)).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewPersistentVolumeClaimRetentionPolicy()
                        .withWhenDeleted(spec.getStorage().isDeleteClaims() ? "Delete" : "Retain")
                        .withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(podLabels).withAnnotations(annotations).endMetadata()
                        .withNewSpecLike(PodTemplates.podSpec(cluster))
                            .withReadinessGates(new PodReadinessGate(TOPICS_READY_GATE))
                            .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                            .withVolumes(volumes)
                            .withContainers(new ContainerBuilder()
                                    .withName("nsqd")
                                    .withImage(cluster.getSpec().getImages().getBroker())
                                    .withImagePullPolicy(cluster.getSpec().getImages().getPullPolicy())
                                    .withArgs(args(cluster, names))
                                    .withEnv(PodTemplates.downwardApiEnv())
                                    .withSecurityContext(PodTemplates.containerSecurityContext())
                                    .withPorts(ports)
                                    .withVolumeMounts(mounts)
                                    .withResources(spec.getResources())
                                    .withReadinessProbe(PodTemplates.httpProbe("/q/health/ready", "http", 2, 3))
                                    .withLivenessProbe(PodTemplates.httpProbe("/q/health/live", "http", 10, 6))
                                    .withNewStartupProbe()
                                        .withNewHttpGet().withPath("/q/health/live").withNewPort("http").endHttpGet()
                                        .withPeriodSeconds(2).withTimeoutSeconds(3).withFailureThreshold(60)
                                    .endStartupProbe()
                                    .build())
                        .endSpec()
                    .endTemplate()
                    .withVolumeClaimTemplates(dataClaim(names, spec.getStorage()))
                .endSpec()
                .build();
    }

    /** nsqd's flags: what the operator owns, then the user's. */
    static List<String> args(NsqCluster cluster, ClusterNames names) {
        List<String> owned = new ArrayList<>(List.of(
                "--tcp-address=0.0.0.0:" + ClusterNames.NSQD_TCP_PORT,
                "--http-address=0.0.0.0:" + ClusterNames.NSQD_HTTP_PORT,
                "--data-path=" + DATA_PATH,
                "--broadcast-address=" + names.nsqdBroadcastHost(),
                "--lookupd-tcp-address=" + names.lookupdHost() + ":" + ClusterNames.LOOKUPD_TCP_PORT));
        TlsSpec tls = cluster.getSpec().getTls();
        if (tls != null) {
            owned.add("--https-address=0.0.0.0:" + ClusterNames.NSQD_HTTPS_PORT);
            owned.add("--tls-cert=" + TLS_PATH + "/tls.crt");
            owned.add("--tls-key=" + TLS_PATH + "/tls.key");
            if (tls.getClientAuthPolicy() != null && !tls.getClientAuthPolicy().isEmpty()) {
                owned.add("--tls-client-auth-policy=" + tls.getClientAuthPolicy());
                owned.add("--tls-root-ca-file=" + TLS_PATH + "/ca.crt");
            }
        }
        return DaemonFlags.combine(owned, OWNED_FLAGS, cluster.getSpec().getNsqd().getArgs());
    }

    static PersistentVolumeClaim dataClaim(ClusterNames names, StorageSpec storage) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("storage", new Quantity(storage.getSize()));
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                    .withName(DATA_VOLUME)
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.NSQD))
                .endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(emptyToNull(storage.getStorageClassName()))
                    .withNewResources().withRequests(requests).endResources()
                .endSpec()
                .build();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }
}
