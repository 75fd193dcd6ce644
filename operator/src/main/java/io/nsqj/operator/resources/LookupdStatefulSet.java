package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.nsqj.operator.model.LookupdSpec;
import io.nsqj.operator.model.NsqCluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookupd StatefulSet: stable pod names behind one headless Service, so brokers and consumers find every
 * lookupd through one DNS name. lookupd keeps nothing on disk (brokers register again), so no volume.
 */
public final class LookupdStatefulSet {
    static final Set<String> OWNED_FLAGS = Set.of("tcp-address", "http-address", "broadcast-address");

    private LookupdStatefulSet() {
    }

    public static StatefulSet desired(NsqCluster cluster, ClusterNames names) {
        LookupdSpec spec = cluster.getSpec().getLookupd();
        List<String> args = DaemonFlags.combine(List.of(
                "--tcp-address=0.0.0.0:" + ClusterNames.LOOKUPD_TCP_PORT,
                "--http-address=0.0.0.0:" + ClusterNames.LOOKUPD_HTTP_PORT,
                "--broadcast-address=" + names.lookupdBroadcastHost()), OWNED_FLAGS, spec.getArgs());
        return new StatefulSetBuilder()
                .withNewMetadata()
                    .withName(names.lookupd())
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.LOOKUPD))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(spec.getReplicas())
                    .withServiceName(names.lookupd())
                    // lookupds are peers with nothing to hand over: start and replace them all at once
                    .withPodManagementPolicy("Parallel")
                    .withNewSelector().withMatchLabels(ClusterLabels.selector(names.cluster(), ClusterLabels.LOOKUPD)).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(PodTemplates.podLabels(cluster, ClusterLabels.LOOKUPD))
                            .withAnnotations(annotations(cluster))
                        .endMetadata()
                        .withNewSpecLike(PodTemplates.podSpec(cluster))
                            .withTerminationGracePeriodSeconds(30L)
                            .withContainers(new ContainerBuilder()
                                    .withName("nsqlookupd")
                                    .withImage(cluster.getSpec().getImages().getLookupd())
                                    .withImagePullPolicy(cluster.getSpec().getImages().getPullPolicy())
                                    .withArgs(args)
                                    .withEnv(PodTemplates.downwardApiEnv())
                                    .withSecurityContext(PodTemplates.containerSecurityContext())
                                    .withPorts(
                                            new ContainerPortBuilder().withName("tcp").withContainerPort(ClusterNames.LOOKUPD_TCP_PORT).withProtocol("TCP").build(),
                                            new ContainerPortBuilder().withName("http").withContainerPort(ClusterNames.LOOKUPD_HTTP_PORT).withProtocol("TCP").build())
                                    .withResources(spec.getResources())
                                    .withReadinessProbe(PodTemplates.httpProbe("/q/health/ready", "http", 2, 3))
                                    .withLivenessProbe(PodTemplates.httpProbe("/q/health/live", "http", 10, 6))
                                    .build())
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The pod's annotations, with where Prometheus finds lookupd's metrics (its own HTTP port serves /q/metrics). */
    private static Map<String, String> annotations(NsqCluster cluster) {
        Map<String, String> annotations = PodTemplates.podAnnotations(cluster);
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(ClusterNames.LOOKUPD_HTTP_PORT));
        annotations.put("prometheus.io/path", "/q/metrics");
        return annotations;
    }
}
