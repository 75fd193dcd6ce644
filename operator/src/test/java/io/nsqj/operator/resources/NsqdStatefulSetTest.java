package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.TlsSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsqdStatefulSetTest {
    private static final List<String> OWNED_ARGS = List.of(
            "--tcp-address=0.0.0.0:4150",
            "--http-address=0.0.0.0:4151",
            "--data-path=/data",
            "--broadcast-address=$(POD_NAME).demo-nsqd.shop.svc.cluster.local",
            "--lookupd-tcp-address=demo-lookupd.shop.svc.cluster.local:4160");

    private final NsqCluster cluster = DemoCluster.demo();
    private final ClusterNames names = DemoCluster.names();

    private StatefulSet build() {
        return NsqdStatefulSet.desired(cluster, names, cluster.getSpec().getNsqd().getReplicas());
    }

    private PodSpec pod() {
        return build().getSpec().getTemplate().getSpec();
    }

    private Container nsqd() {
        return pod().getContainers().get(0);
    }

    @Test
    void theDemoClusterGivesThisStatefulSet() {
        Map<String, String> selector = ClusterLabels.selector("demo", "nsqd");
        Map<String, String> objectLabels = ClusterLabels.of("demo", "nsqd");
        Map<String, String> podLabels = new LinkedHashMap<>(objectLabels);
        podLabels.put("nsq.nsqj.io/publish", "true");
        StatefulSet expected = new StatefulSetBuilder()
                .withNewMetadata().withName("demo-nsqd").withNamespace("shop").withLabels(objectLabels).endMetadata()
                .withNewSpec()
                    .withReplicas(3)
                    .withServiceName("demo-nsqd")
                    .withPodManagementPolicy("OrderedReady")
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(podLabels)
                            .withAnnotations(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "4151",
                                    "prometheus.io/path", "/q/metrics"))
                        .endMetadata()
                        .withNewSpec()
                            .withReadinessGates(new PodReadinessGate("nsq.nsqj.io/topics-ready"))
                            .withTerminationGracePeriodSeconds(60L)
                            .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(185L).withFsGroup(185L)
                                .withFsGroupChangePolicy("OnRootMismatch")
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .withEnableServiceLinks(false)
                            .withTolerations(List.of())
                            .withNodeSelector(Map.of())
                            .withVolumes(List.of())
                            .addNewContainer()
                                .withName("nsqd")
                                .withImage("ghcr.io/nsqj/nsq-broker:0.1.0")
                                .withImagePullPolicy("IfNotPresent")
                                .withArgs(concat(OWNED_ARGS, List.of("--mem-queue-size=10000", "--msg-timeout=60s")))
                                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                                        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                                .withEnv(
                                        new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                                                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
                                        new EnvVarBuilder().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
                                                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build())
                                .withPorts(
                                        new ContainerPortBuilder().withName("tcp").withContainerPort(4150).withProtocol("TCP").build(),
                                        new ContainerPortBuilder().withName("http").withContainerPort(4151).withProtocol("TCP").build())
                                .withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath("/data").build())
                                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/q/health/ready")
                                        .withPort(new IntOrString("http")).endHttpGet()
                                        .withPeriodSeconds(2).withTimeoutSeconds(3).withFailureThreshold(3).build())
                                .withLivenessProbe(new ProbeBuilder().withNewHttpGet().withPath("/q/health/live")
                                        .withPort(new IntOrString("http")).endHttpGet()
                                        .withPeriodSeconds(10).withTimeoutSeconds(3).withFailureThreshold(6).build())
                                .withStartupProbe(new ProbeBuilder().withNewHttpGet().withPath("/q/health/live")
                                        .withPort(new IntOrString("http")).endHttpGet()
                                        .withPeriodSeconds(2).withTimeoutSeconds(3).withFailureThreshold(60).build())
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                    .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                            .withNewMetadata().withName("data").withLabels(ClusterLabels.of("demo", "nsqd")).endMetadata()
                            .withNewSpec()
                                .withAccessModes("ReadWriteOnce")
                                .withNewResources().withRequests(Map.of("storage", new Quantity("10Gi"))).endResources()
                            .endSpec()
                            .build())
                .endSpec()
                .build();
        assertEquals(expected, build());
    }

    @Test
    void theOperatorsFlagsComeFirstThenTheUsers() {
        assertEquals(concat(OWNED_ARGS, List.of("--mem-queue-size=10000", "--msg-timeout=60s")), nsqd().getArgs());
    }

    @Test
    void thePodNameInTheBroadcastAddressComesFromTheDownwardApi() {
        assertTrue(nsqd().getArgs().contains("--broadcast-address=$(POD_NAME).demo-nsqd.shop.svc.cluster.local"));
        assertEquals("metadata.name", nsqd().getEnv().stream().filter(e -> e.getName().equals("POD_NAME"))
                .findFirst().orElseThrow().getValueFrom().getFieldRef().getFieldPath());
    }

    @Test
    void everyBrokerRegistersWithLookupdThroughItsHeadlessService() {
        assertTrue(nsqd().getArgs().contains("--lookupd-tcp-address=demo-lookupd.shop.svc.cluster.local:4160"));
        assertEquals(names.lookupd(), ClusterServices.lookupdHeadless(names).getMetadata().getName());
    }

    @Test
    void theClusterDomainGoesIntoTheAddresses() {
        List<String> args = NsqdStatefulSet.desired(cluster, new ClusterNames("demo", "shop", "corp.internal"), 3)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertTrue(args.contains("--broadcast-address=$(POD_NAME).demo-nsqd.shop.svc.corp.internal"), args.toString());
        assertTrue(args.contains("--lookupd-tcp-address=demo-lookupd.shop.svc.corp.internal:4160"), args.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--data-path=/elsewhere|data-path",
            "-data-path=/elsewhere|data-path",
            "--data-path /elsewhere|data-path",
            "-data-path /elsewhere|data-path",
            "--broadcast-address=10.0.0.1|broadcast-address",
            "--lookupd-tcp-address=other:4160|lookupd-tcp-address",
            "--tcp-address=0.0.0.0:5150|tcp-address",
            "--http-address=0.0.0.0:80|http-address",
            "--https-address=0.0.0.0:443|https-address",
            "--broadcast-tcp-port=1|broadcast-tcp-port",
            "--tls-cert=/mine.crt|tls-cert",
            "--tls-client-auth-policy=require|tls-client-auth-policy"})
    void aUserArgThatSetsAnOwnedFlagIsAnInvalidSpec(String args, String flag) {
        cluster.getSpec().getNsqd().setArgs(Arrays.asList(args.split(" ")));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, this::build);
        assertTrue(e.getMessage().contains("--" + flag), e.getMessage());
    }

    @Test
    void theReplicasAreTheReconcilersNotTheSpecs() {
        assertEquals(2, NsqdStatefulSet.desired(cluster, names, 2).getSpec().getReplicas());
    }

    @Test
    void eachPodClaimsAVolumeOfTheSpecsSizeAndClass() {
        cluster.getSpec().getNsqd().getStorage().setSize("50Gi");
        cluster.getSpec().getNsqd().getStorage().setStorageClassName("fast-ssd");
        var claim = build().getSpec().getVolumeClaimTemplates().get(0);
        assertEquals("data", claim.getMetadata().getName());
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertEquals(new Quantity("50Gi"), claim.getSpec().getResources().getRequests().get("storage"));
        assertEquals("fast-ssd", claim.getSpec().getStorageClassName());
    }

    @Test
    void anEmptyStorageClassLeavesTheClustersDefault() {
        cluster.getSpec().getNsqd().getStorage().setStorageClassName("");
        assertNull(build().getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName());
    }

    @Test
    void theVolumeIsMountedWhereDataPathPoints() {
        assertEquals("/data", nsqd().getVolumeMounts().get(0).getMountPath());
        assertEquals("data", nsqd().getVolumeMounts().get(0).getName());
    }

    @Test
    void claimsOutliveTheClusterUnlessDeleteClaims() {
        assertEquals("Retain", build().getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        cluster.getSpec().getNsqd().getStorage().setDeleteClaims(true);
        assertEquals("Delete", build().getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        assertEquals("Retain", build().getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
    }

    @Test
    void aPodIsReadyOnlyOnceTheOperatorOpensTheTopicsReadyGate() {
        assertEquals(List.of(new PodReadinessGate("nsq.nsqj.io/topics-ready")), pod().getReadinessGates());
    }

    @Test
    void probesAskTheBrokersHealthEndpointsOnItsHttpPort() {
        assertEquals("/q/health/ready", nsqd().getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", nsqd().getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", nsqd().getStartupProbe().getHttpGet().getPath());
        assertEquals(new IntOrString("http"), nsqd().getReadinessProbe().getHttpGet().getPort());
        assertEquals(4151, nsqd().getPorts().stream().filter(p -> p.getName().equals("http")).findFirst()
                .orElseThrow().getContainerPort());
    }

    @Test
    void theBrokerRunsAsItsImagesUserOnAVolumeItCanWrite() {
        String user = dockerfileUser(Path.of("../broker/src/main/docker/Dockerfile.jvm"));
        assertEquals(Boolean.TRUE, pod().getSecurityContext().getRunAsNonRoot());
        assertEquals(user, String.valueOf(pod().getSecurityContext().getRunAsUser()));
        assertEquals(user, String.valueOf(pod().getSecurityContext().getFsGroup()));
    }

    @Test
    void aStoppingBrokerHasAMinuteToWriteWhatItHolds() {
        assertEquals(60L, pod().getTerminationGracePeriodSeconds());
    }

    @Test
    void withoutTlsThereIsNoSecretNoHttpsPortAndNoTlsFlag() {
        assertEquals(List.of(), pod().getVolumes());
        assertEquals(List.of("tcp", "http"), nsqd().getPorts().stream().map(p -> p.getName()).toList());
        assertFalse(nsqd().getArgs().stream().anyMatch(a -> a.startsWith("--tls-") || a.startsWith("--https-")));
    }

    @Test
    void tlsMountsTheSecretReadOnlyAndPointsTheFlagsAtIt() {
        TlsSpec tls = new TlsSpec();
        tls.setSecretName("nsq-tls");
        cluster.getSpec().setTls(tls);
        assertEquals(List.of(new VolumeBuilder().withName("tls").withNewSecret().withSecretName("nsq-tls").endSecret().build()),
                pod().getVolumes());
        assertEquals(new VolumeMountBuilder().withName("tls").withMountPath("/etc/nsq/tls").withReadOnly(true).build(),
                nsqd().getVolumeMounts().get(1));
        assertEquals(new ContainerPortBuilder().withName("https").withContainerPort(4152).withProtocol("TCP").build(),
                nsqd().getPorts().get(2));
        assertEquals(concat(OWNED_ARGS, List.of("--https-address=0.0.0.0:4152", "--tls-cert=/etc/nsq/tls/tls.crt",
                "--tls-key=/etc/nsq/tls/tls.key", "--mem-queue-size=10000", "--msg-timeout=60s")), nsqd().getArgs());
    }

    @Test
    void aClientAuthPolicyAddsItAndTheSecretsCa() {
        TlsSpec tls = new TlsSpec();
        tls.setSecretName("nsq-tls");
        tls.setClientAuthPolicy("require-verify");
        cluster.getSpec().setTls(tls);
        List<String> args = nsqd().getArgs();
        assertTrue(args.contains("--tls-client-auth-policy=require-verify"), args.toString());
        assertTrue(args.contains("--tls-root-ca-file=/etc/nsq/tls/ca.crt"), args.toString());
    }

    @Test
    void podSettingsAreAppliedToThePodTemplate() {
        var pod = cluster.getSpec().getPod();
        pod.getLabels().put("team", "payments");
        pod.getAnnotations().put("example.com/owner", "payments");
        pod.getNodeSelector().put("disktype", "ssd");
        Toleration toleration = new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("nsq")
                .withEffect("NoSchedule").build();
        pod.getTolerations().add(toleration);
        pod.setAffinity(new AffinityBuilder().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname").endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build());

        var template = build().getSpec().getTemplate();
        assertEquals("payments", template.getMetadata().getLabels().get("team"));
        assertEquals("payments", template.getMetadata().getAnnotations().get("example.com/owner"));
        assertEquals(Map.of("disktype", "ssd"), template.getSpec().getNodeSelector());
        assertEquals(List.of(toleration), template.getSpec().getTolerations());
        assertEquals(pod.getAffinity(), template.getSpec().getAffinity());
    }

    @Test
    void theOperatorsLabelsWinOverTheUsers() {
        cluster.getSpec().getPod().getLabels().put("app.kubernetes.io/component", "other");
        cluster.getSpec().getPod().getLabels().put("nsq.nsqj.io/publish", "false");
        Map<String, String> labels = build().getSpec().getTemplate().getMetadata().getLabels();
        assertEquals("nsqd", labels.get("app.kubernetes.io/component"));
        assertEquals("true", labels.get("nsq.nsqj.io/publish"));
    }

    @Test
    void theUsersLabelsStayOutOfTheImmutableSelector() {
        cluster.getSpec().getPod().getLabels().put("team", "payments");
        StatefulSet set = build();
        assertEquals(ClusterLabels.selector("demo", "nsqd"), set.getSpec().getSelector().getMatchLabels());
        assertTrue(set.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(set.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    @Test
    void prometheusIsToldWhereTheMetricsAre() {
        Map<String, String> annotations = build().getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("4151", annotations.get("prometheus.io/port"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void newPodsTakeProducersTraffic() {
        assertEquals("true", build().getSpec().getTemplate().getMetadata().getLabels().get("nsq.nsqj.io/publish"));
    }

    @Test
    void theImageAndResourcesAreTheSpecs() {
        cluster.getSpec().getImages().setBroker("registry.local/nsqd:2");
        cluster.getSpec().getImages().setPullPolicy("Always");
        var resources = new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("2")).build();
        cluster.getSpec().getNsqd().setResources(resources);
        assertEquals("registry.local/nsqd:2", nsqd().getImage());
        assertEquals("Always", nsqd().getImagePullPolicy());
        assertEquals(resources, nsqd().getResources());
    }

    @Test
    void theSameSpecGivesEqualObjects() {
        cluster.getSpec().getPod().getLabels().put("team", "payments");
        assertEquals(build(), build());
    }

    @Test
    void buildingLeavesTheSpecAsItWas() {
        cluster.getSpec().getPod().getLabels().put("team", "payments");
        cluster.getSpec().getPod().getAnnotations().put("example.com/owner", "payments");
        build();
        assertEquals(Map.of("team", "payments"), cluster.getSpec().getPod().getLabels());
        assertEquals(Map.of("example.com/owner", "payments"), cluster.getSpec().getPod().getAnnotations());
        assertEquals(List.of("--mem-queue-size=10000", "--msg-timeout=60s"), cluster.getSpec().getNsqd().getArgs());
    }

    @Test
    void aClusterWithoutPodSettingsStillBuilds() {
        cluster.getSpec().setPod(null);
        assertEquals(List.of(), pod().getTolerations());
        assertNull(pod().getAffinity());
    }

    /** The numeric USER an image's Dockerfile.jvm runs as. */
    static String dockerfileUser(Path dockerfile) {
        try {
            Matcher m = Pattern.compile("(?m)^USER (\\d+)\\s*$").matcher(Files.readString(dockerfile));
            String user = null;
            while (m.find()) {
                user = m.group(1);
            }
            assertNotNull(user, dockerfile + " has no numeric USER");
            return user;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
