package io.nsqj.testsupport.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.nsqj.testsupport.HttpAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.nsqj.testsupport.kube.Manifests.NAMESPACE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated cluster with the packaged daemons in its pods: two lookupds behind a headless Service for every
 * test, and brokers in StatefulSets of each test's own.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SimulatedClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GATE = "example.com/topics-ready";

    /** Held: JUL keeps loggers weakly, and the mock server logs every request at INFO. */
    private static final Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    static KubernetesClient client;
    private static SimulatedCluster cluster;
    private final List<String> setsOfThisTest = new ArrayList<>();

    @BeforeAll
    static void startTheClusterWithTwoLookupds() {
        Path work = Path.of(System.getProperty("nsq.work.dir", "target/it-work")).resolve("kube-" + System.nanoTime());
        cluster = new SimulatedCluster(client, NAMESPACE, work).start();
        create(Manifests.headlessService("lookupd").build());
        client.apps().statefulSets().inNamespace(NAMESPACE).resource(Manifests.lookupds("lookupd", 2).build()).create();
        awaitReadyReplicas("lookupd", 2);
    }

    @AfterAll
    static void stopTheCluster() {
        cluster.close();
    }

    /** Leaves the machine to the next test: the garbage collector takes the pods with their set. */
    @AfterEach
    void deleteThisTestsSets() {
        setsOfThisTest.forEach(name -> client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).delete());
    }

    @Test
    void eachPodRunsItsDaemonAtALoopbackAddressOfItsOwn() {
        Pod first = pod("lookupd-0");
        Pod second = pod("lookupd-1");
        for (Pod pod : List.of(first, second)) {
            assertEquals("Running", pod.getStatus().getPhase());
            assertTrue(pod.getStatus().getPodIP().matches("127\\.0\\.0\\.\\d+"), pod.getStatus().getPodIP());
            assertNotEquals("127.0.0.1", pod.getStatus().getPodIP());
            assertEquals("127.0.0.1", pod.getStatus().getHostIP());
            assertEquals(pod.getStatus().getPodIP(), cluster.process(name(pod)).orElseThrow().podIp());
            assertEquals(200, HttpAnswer.get("http://" + pod.getStatus().getPodIP() + ":4161/ping").status());
        }
        assertNotEquals(first.getStatus().getPodIP(), second.getStatus().getPodIP());
    }

    @Test
    void podsCarryTheirStatefulSetsIdentityAndTheSetReportsThem() {
        StatefulSet set = set("lookupd");
        Pod pod = pod("lookupd-1");
        assertEquals("lookupd-1", pod.getMetadata().getLabels().get("statefulset.kubernetes.io/pod-name"));
        assertEquals("1", pod.getMetadata().getLabels().get("apps.kubernetes.io/pod-index"));
        assertEquals(set.getStatus().getUpdateRevision(), pod.getMetadata().getLabels().get("controller-revision-hash"));
        assertEquals("lookupd", pod.getMetadata().getLabels().get("app"));
        assertEquals("lookupd-1", pod.getSpec().getHostname());
        assertEquals("lookupd", pod.getSpec().getSubdomain());
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals(set.getMetadata().getUid(), owner.getUid());
        assertTrue(owner.getController());

        assertEquals(set.getMetadata().getGeneration(), set.getStatus().getObservedGeneration());
        assertEquals(2, set.getStatus().getReplicas());
        assertEquals(2, set.getStatus().getReadyReplicas());
        assertEquals(2, set.getStatus().getAvailableReplicas());
        assertEquals(2, set.getStatus().getCurrentReplicas());
        assertEquals(2, set.getStatus().getUpdatedReplicas());
        assertEquals(set.getStatus().getUpdateRevision(), set.getStatus().getCurrentRevision());
    }

    @Test
    void theTestJvmResolvesTheHeadlessServiceToEveryPodAndEachPodByItsHostname() {
        Set<String> lookupdIps = Set.of(ip("lookupd-0"), ip("lookupd-1"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(lookupdIps, Arrays.stream(InetAddress.getAllByName("lookupd.nsq.svc.cluster.local"))
                    .map(InetAddress::getHostAddress).collect(Collectors.toSet()));
            assertEquals(ip("lookupd-0"),
                    InetAddress.getByName("lookupd-0.lookupd.nsq.svc.cluster.local").getHostAddress());
        });
    }

    @Test
    void brokersRegisterWithEveryLookupdBehindTheHeadlessService() {
        create(Manifests.brokers("reg", 2, "--lookupd-tcp-address=lookupd.nsq.svc.cluster.local:4160").build());
        awaitReadyReplicas("reg", 2);
        Set<String> brokerIps = Set.of(ip("reg-0"), ip("reg-1"));
        for (String lookupd : List.of(ip("lookupd-0"), ip("lookupd-1"))) {
            await().atMost(WAIT).untilAsserted(() -> assertEquals(brokerIps, producers(lookupd)));
        }
    }

    @Test
    void scalingUpCreatesEachNewOrdinalOnceTheOnesBelowAreReady() {
        create(Manifests.brokers("up", 1).build());
        awaitReadyReplicas("up", 1);
        try (PodEvents pods = new PodEvents(client, "up")) {
            client.apps().statefulSets().inNamespace(NAMESPACE).withName("up").edit(s -> {
                s.getSpec().setReplicas(3);
                return s;
            });
            awaitReadyReplicas("up", 3);
            assertTrue(pods.indexOf("ready up-0") < pods.indexOf("created up-1"), pods.events().toString());
            assertTrue(pods.indexOf("ready up-1") < pods.indexOf("created up-2"), pods.events().toString());
        }
    }

    @Test
    void scalingDownDeletesTheHighestOrdinalFirstOneAtATimeAndItsClaimsWhenScaledIsDelete() {
        create(Manifests.brokers("down", 3).editSpec().withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenScaled("Delete").withWhenDeleted("Retain").endPersistentVolumeClaimRetentionPolicy()
                .endSpec().build());
        awaitReadyReplicas("down", 3);
        try (PodEvents pods = new PodEvents(client, "down")) {
            client.apps().statefulSets().inNamespace(NAMESPACE).withName("down").edit(s -> {
                s.getSpec().setReplicas(1);
                return s;
            });
            await().atMost(WAIT).until(() -> pods.events().contains("deleted down-1")
                    && set("down").getStatus().getReplicas() == 1);
            assertTrue(pods.indexOf("deleted down-2") < pods.indexOf("terminating down-1"), pods.events().toString());
            assertFalse(pods.events().contains("terminating down-0"), pods.events().toString());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertNull(claim("data-down-1"));
            assertNull(claim("data-down-2"));
            assertFalse(Files.exists(cluster.claimDirectory("data-down-2")));
        });
        assertTrue(Files.isDirectory(cluster.claimDirectory("data-down-0")));
        assertEquals("Bound", claim("data-down-0").getStatus().getPhase());
    }

    @Test
    void aReadinessGateKeepsThePodNotReadyUntilItsConditionIsTrue() {
        List<String> atReady = new CopyOnWriteArrayList<>();
        cluster.onPodReady(p -> {
            if (name(p).startsWith("gated-")) {
                atReady.add(name(p) + " gate " + condition(p, GATE) + ", Ready " + condition(p, "Ready"));
            }
        });
        create(Manifests.brokers("gated", 1).editSpec().editTemplate().editSpec().addNewReadinessGate(GATE)
                .endSpec().endTemplate().endSpec().build());
        await().atMost(WAIT).until(() -> "True".equals(condition(pod("gated-0"), "ContainersReady")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> "False".equals(condition(pod("gated-0"), "Ready")));

        openGate("gated-0");

        await().atMost(WAIT).until(() -> "True".equals(condition(pod("gated-0"), "Ready")));
        assertEquals(List.of("gated-0 gate True, Ready False"), atReady);
        assertEquals("True", condition(pod("gated-0"), GATE));
    }

    @Test
    void aTemplateChangeReplacesPodsFromTheHighestOrdinalOneAtATime() {
        create(Manifests.brokers("roll", 2).build());
        awaitReadyReplicas("roll", 2);
        String before = set("roll").getStatus().getUpdateRevision();
        try (PodEvents pods = new PodEvents(client, "roll")) {
            await().atMost(WAIT).until(() -> pods.events().containsAll(List.of("ready roll-0", "ready roll-1")));
            pods.measureFromNow();
            client.apps().statefulSets().inNamespace(NAMESPACE).withName("roll").edit(s -> {
                s.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("restarted", "1"));
                return s;
            });
            await().atMost(WAIT).until(() -> {
                StatefulSet s = set("roll");
                return s.getStatus().getUpdatedReplicas() == 2 && s.getStatus().getReadyReplicas() == 2
                        && !before.equals(s.getStatus().getCurrentRevision())
                        && s.getStatus().getCurrentRevision().equals(s.getStatus().getUpdateRevision());
            });
            assertTrue(pods.indexOf("terminating roll-1") < pods.lastIndexOf("ready roll-1"), pods.events().toString());
            assertTrue(pods.lastIndexOf("ready roll-1") < pods.indexOf("terminating roll-0"), pods.events().toString());
            assertEquals(1, pods.fewestReady(), pods.events().toString());
        }
        String after = set("roll").getStatus().getUpdateRevision();
        assertEquals(after, pod("roll-0").getMetadata().getLabels().get("controller-revision-hash"));
        assertEquals(after, pod("roll-1").getMetadata().getLabels().get("controller-revision-hash"));
    }

    @Test
    void dataOnAClaimSurvivesThePodsDeletion() {
        create(Manifests.brokers("keep", 1).build());
        awaitReadyReplicas("keep", 1);
        Pod first = pod("keep-0");
        assertEquals(200, HttpAnswer.send(HttpRequest.newBuilder(URI.create(
                "http://" + ip("keep-0") + ":4151/pub?topic=kept")).POST(HttpRequest.BodyPublishers.ofString("survives")))
                .status());

        client.pods().inNamespace(NAMESPACE).withName("keep-0").delete();

        await().atMost(WAIT).until(() -> {
            Pod now = client.pods().inNamespace(NAMESPACE).withName("keep-0").get();
            return now != null && !now.getMetadata().getUid().equals(first.getMetadata().getUid())
                    && KubeletStatus.isReady(now);
        });
        assertNotEquals(first.getStatus().getPodIP(), ip("keep-0"));
        assertTrue(Files.exists(cluster.claimDirectory("data-keep-0").resolve("nsqd.dat")));
        JsonNode stats = json(HttpAnswer.get("http://" + ip("keep-0") + ":4151/stats?format=json&topic=kept").body());
        assertEquals(1, stats.path("topics").get(0).path("depth").asInt(), stats.toString());
    }

    @Test
    void aKilledContainerIsStartedAgainInTheSamePodAtTheSameAddress() {
        create(Manifests.brokers("crash", 1).build());
        awaitReadyReplicas("crash", 1);
        Pod before = pod("crash-0");
        PodProcess process = cluster.process("crash-0").orElseThrow();
        long pid = process.pid();

        process.kill();

        await().atMost(WAIT).until(() -> {
            Pod now = pod("crash-0");
            return now.getStatus().getContainerStatuses().get(0).getRestartCount() == 1 && KubeletStatus.isReady(now);
        });
        Pod after = pod("crash-0");
        assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
        assertEquals(before.getStatus().getPodIP(), after.getStatus().getPodIP());
        assertNotEquals(pid, process.pid());
        assertEquals(137, after.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode());
    }

    @Test
    void deletingTheOwnerDeletesEverythingItOwnsThroughTheGarbageCollector() {
        ConfigMap owner = client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("gc-owner").withNamespace(NAMESPACE).endMetadata().build()).create();
        OwnerReference ref = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withName("gc-owner").withUid(owner.getMetadata().getUid()).withController(true).build();
        create(Manifests.headlessService("gc").editMetadata().withOwnerReferences(ref).endMetadata().build());
        create(Manifests.brokers("gc", 1).editMetadata().withOwnerReferences(ref).endMetadata()
                .editSpec().withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete")
                .withWhenScaled("Retain").endPersistentVolumeClaimRetentionPolicy().endSpec().build());
        awaitReadyReplicas("gc", 1);
        PodProcess process = cluster.process("gc-0").orElseThrow();

        client.configMaps().inNamespace(NAMESPACE).withName("gc-owner").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertNull(client.apps().statefulSets().inNamespace(NAMESPACE).withName("gc").get());
            assertNull(client.services().inNamespace(NAMESPACE).withName("gc").get());
            assertNull(client.pods().inNamespace(NAMESPACE).withName("gc-0").get());
            assertNull(claim("data-gc-0"));
            assertFalse(Files.exists(cluster.claimDirectory("data-gc-0")));
        });
        assertFalse(process.isAlive());
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    @Test
    void closingTwiceIsHarmless() {
        SimulatedCluster other = new SimulatedCluster(client, "other", Path.of(System.getProperty("nsq.work.dir",
                "target/it-work")).resolve("kube-other-" + System.nanoTime())).start();
        other.close();
        other.close();
        assertEquals(ip("lookupd-0"), cluster.process("lookupd-0").orElseThrow().podIp());
    }

    private void create(StatefulSet set) {
        setsOfThisTest.add(set.getMetadata().getName());
        client.apps().statefulSets().inNamespace(NAMESPACE).resource(set).create();
    }

    private static void create(HasMetadata object) {
        client.resource(object).inNamespace(NAMESPACE).create();
    }

    private static void awaitReadyReplicas(String set, int replicas) {
        await().atMost(WAIT).until(() -> {
            StatefulSet s = set(set);
            return s.getStatus() != null && s.getStatus().getReadyReplicas() != null
                    && s.getStatus().getReadyReplicas() == replicas && s.getStatus().getReplicas() == replicas;
        });
    }

    /** Sets the readiness gate's condition as an operator does: on the latest status, guarded by its version. */
    private static void openGate(String podName) {
        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            Pod pod = pod(podName);
            List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions());
            conditions.add(new PodConditionBuilder().withType(GATE).withStatus("True").withReason("TopicsCreated").build());
            pod.getStatus().setConditions(conditions);
            client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
            return true;
        });
    }

    private static Set<String> producers(String lookupdIp) {
        JsonNode nodes = json(HttpAnswer.get("http://" + lookupdIp + ":4161/nodes").body());
        return StreamSupport.stream(nodes.path("producers").spliterator(), false)
                .map(p -> p.path("broadcast_address").asText()).collect(Collectors.toSet());
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static StatefulSet set(String name) {
        return client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get();
    }

    private static Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private static PersistentVolumeClaim claim(String name) {
        return client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name).get();
    }

    private static String ip(String podName) {
        return pod(podName).getStatus().getPodIP();
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getName();
    }

    private static String condition(Pod pod, String type) {
        return pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null ? null : pod.getStatus().getConditions()
                .stream().filter(c -> type.equals(c.getType())).map(PodCondition::getStatus).findFirst().orElse(null);
    }
}
