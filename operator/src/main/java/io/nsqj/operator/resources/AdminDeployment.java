package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.nsqj.operator.model.NsqCluster;

import java.util.List;

/**
 * The admin web UI (nsqadmin's equivalent) when {@code spec.admin.enabled}: one stateless pod that finds every
 * nsqd through the lookupd headless Service, as nsqadmin does with --lookupd-http-address.
 */
public final class AdminDeployment {
    private AdminDeployment() {
    }

    public static Deployment desired(NsqCluster cluster, ClusterNames names) {
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(names.admin())
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.ADMIN))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().withMatchLabels(ClusterLabels.selector(names.cluster(), ClusterLabels.ADMIN)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(PodTemplates.podLabels(cluster, ClusterLabels.ADMIN))
                            .withAnnotations(PodTemplates.podAnnotations(cluster))
                        .endMetadata()
                        .withNewSpecLike(PodTemplates.podSpec(cluster))
                            .withContainers(new ContainerBuilder()
                                    .withName("nsqadmin")
                                    .withImage(cluster.getSpec().getImages().getAdmin())
                                    .withImagePullPolicy(cluster.getSpec().getImages().getPullPolicy())
                                    .withArgs(List.of(
                                            "--http-address=0.0.0.0:" + ClusterNames.ADMIN_HTTP_PORT,
                                            "--lookupd-http-address=" + names.lookupdHost() + ":" + ClusterNames.LOOKUPD_HTTP_PORT))
                                    .withSecurityContext(PodTemplates.containerSecurityContext())
                                    .withPorts(new ContainerPortBuilder().withName("http")
                                            .withContainerPort(ClusterNames.ADMIN_HTTP_PORT).withProtocol("TCP").build())
                                    .withReadinessProbe(PodTemplates.httpProbe("/q/health/ready", "http", 5, 3))
                                    .withLivenessProbe(PodTemplates.httpProbe("/q/health/live", "http", 10, 6))
                                    .build())
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
