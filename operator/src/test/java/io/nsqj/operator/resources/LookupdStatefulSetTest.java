package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.nsqj.operator.model.NsqCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LookupdStatefulSetTest {
    private final NsqCluster cluster = DemoCluster.demo();
    private final ClusterNames names = DemoCluster.names();

    private StatefulSet build() {
        return LookupdStatefulSet.desired(cluster, names);
    }

    private Container lookupd() {
        return build().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theDemoClusterGivesThisStatefulSet() {
        StatefulSet expected = new StatefulSetBuilder()
                .withNewMetadata().withName("demo-lookupd").withNamespace("shop")
                    .withLabels(ClusterLabels.of("demo", "lookupd")).endMetadata()
                .withNewSpec()
                    .withReplicas(2)
                    .withServiceName("demo-lookupd")
                    .withPodManagementPolicy("Parallel")
                    .withNewSelector().withMatchLabels(ClusterLabels.selector("demo", "lookupd")).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(ClusterLabels.of("demo", "lookupd"))
                            .withAnnotations(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "4161",
                                    "prometheus.io/path", "/q/metrics"))
                        .endMetadata()
                        .withNewSpec()
                            .withTerminationGracePeriodSeconds(30L)
                            .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(185L).withFsGroup(185L)
                                .withFsGroupChangePolicy("OnRootMismatch")
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .withEnableServiceLinks(false)
                            .withTolerations(List.of())
                            .withNodeSelector(Map.of())
                            .addNewContainer()
                                .withName("nsqlookupd")
                                .withImage("ghcr.io/nsqj/nsq-lookupd:0.1.0")
                                .withImagePullPolicy("IfNotPresent")
                                .withArgs("--tcp-address=0.0.0.0:4160", "--http-address=0.0.0.0:4161",
                                        "--broadcast-address=$(POD_NAME).demo-lookupd.shop.svc.cluster.local")
                                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                                        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                                .withEnv(
                                        new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                                                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
                                        new EnvVarBuilder().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
                                                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build())
                                .withPorts(
                                        new ContainerPortBuilder().withName("tcp").withContainerPort(4160).withProtocol("TCP").build(),
                                        new ContainerPortBuilder().withName("http").withContainerPort(4161).withProtocol("TCP").build())
                                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/q/health/ready")
                                        .withPort(new IntOrString("http")).endHttpGet()
                                        .withPeriodSeconds(2).withTimeoutSeconds(3).withFailureThreshold(3).build())
                                .withLivenessProbe(new ProbeBuilder().withNewHttpGet().withPath("/q/health/live")
                                        .withPort(new IntOrString("http")).endHttpGet()
                                        .withPeriodSeconds(10).withTimeoutSeconds(3).withFailureThreshold(6).build())
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
        assertEquals(expected, build());
    }

    @Test
    void theUsersArgsFollowTheOperatorsFlags() {
        cluster.getSpec().getLookupd().setArgs(List.of("--tombstone-lifetime=45s"));
        assertEquals(List.of("--tcp-address=0.0.0.0:4160", "--http-address=0.0.0.0:4161",
                "--broadcast-address=$(POD_NAME).demo-lookupd.shop.svc.cluster.local", "--tombstone-lifetime=45s"),
                lookupd().getArgs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--broadcast-address=lookupd", "-tcp-address=0.0.0.0:5160", "--http-address"})
    void aUserArgThatSetsAnOwnedFlagIsAnInvalidSpec(String arg) {
        cluster.getSpec().getLookupd().setArgs(List.of(arg));
        assertThrows(InvalidSpecException.class, this::build);
    }

    @Test
    void lookupdRunsAsItsImagesUser() {
        var context = build().getSpec().getTemplate().getSpec().getSecurityContext();
        assertEquals(Boolean.TRUE, context.getRunAsNonRoot());
        assertEquals(NsqdStatefulSetTest.dockerfileUser(Path.of("../lookupd/src/main/docker/Dockerfile.jvm")),
                String.valueOf(context.getRunAsUser()));
    }

    @Test
    void theReplicasAreTheSpecs() {
        cluster.getSpec().getLookupd().setReplicas(3);
        assertEquals(3, build().getSpec().getReplicas());
    }

    @Test
    void lookupdsStartAndRollAllAtOnce() {
        assertEquals("Parallel", build().getSpec().getPodManagementPolicy());
    }

    @Test
    void lookupdKeepsNothingOnDisk() {
        assertTrue(build().getSpec().getVolumeClaimTemplates().isEmpty());
        assertTrue(lookupd().getVolumeMounts().isEmpty());
    }

    @Test
    void lookupdHasNoReadinessGate() {
        assertTrue(build().getSpec().getTemplate().getSpec().getReadinessGates().isEmpty());
    }

    @Test
    void prometheusIsToldWhereLookupdsMetricsAre() {
        var annotations = build().getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("4161", annotations.get("prometheus.io/port"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void podSettingsAreAppliedToThePodTemplate() {
        var pod = cluster.getSpec().getPod();
        pod.getLabels().put("team", "payments");
        pod.getAnnotations().put("example.com/owner", "payments");
        pod.getNodeSelector().put("disktype", "ssd");
        Toleration toleration = new TolerationBuilder().withKey("dedicated").withOperator("Exists").build();
        pod.getTolerations().add(toleration);
        var template = build().getSpec().getTemplate();
        assertEquals("payments", template.getMetadata().getLabels().get("team"));
        assertEquals("payments", template.getMetadata().getAnnotations().get("example.com/owner"));
        assertEquals(Map.of("disktype", "ssd"), template.getSpec().getNodeSelector());
        assertEquals(List.of(toleration), template.getSpec().getTolerations());
    }

    @Test
    void theSameSpecGivesEqualObjects() {
        assertEquals(build(), build());
    }
}
