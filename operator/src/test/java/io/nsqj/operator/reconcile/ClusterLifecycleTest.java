package io.nsqj.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.Producer;
import io.nsqj.operator.model.DeletionPolicy;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;
import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.model.NsqTopicSpec;
import io.nsqj.testsupport.kube.SimulatedCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator as a user meets it, on the fabric8 mock API server in CRUD mode: {@link SimulatedCluster} plays
 * the StatefulSet controller, the kubelet (real lookupd and broker processes on 127.0.0.x pod IPs), cluster
 * DNS and the garbage collector. One cluster goes through its life in order: create, declare a topic, scale up,
 * scale down with messages waiting, roll, delete the topic, delete the cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleTest {
    private static final String NS = "nsq-it";
    private static final String TOPIC = "orders_v2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LONG = Duration.ofSeconds(120);

    /** Topic/channel names each nsqd pod had at the moment it first became Ready, by pod uid. */
    private static final Map<String, Set<String>> topicsAtReadiness = new ConcurrentHashMap<>();
    private static SimulatedCluster kube;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void startSimulatedCluster() {
        if (kube == null) {
            kube = new SimulatedCluster(client, NS, Path.of(System.getProperty("nsq.kube.work.dir", "target/kube-work")));
            kube.onPodReady(pod -> {
                if (pod.getMetadata().getName().startsWith("demo-nsqd-")) {
                    topicsAtReadiness.put(pod.getMetadata().getUid(), topicsAndChannels(pod.getStatus().getPodIP()));
                }
            });
            kube.start();
        }
    }

    @AfterAll
    static void stopSimulatedCluster() {
        if (kube != null) {
            kube.close();
            kube = null;
        }
    }

    @Test
    @Order(1)
    void aNewClusterGetsLookupdsAndBrokersRegisteredWithEveryLookupd() {
        NsqCluster cluster = new NsqCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(NS).build());
        cluster.setSpec(new NsqClusterSpec());
        cluster.getSpec().getNsqd().setArgs(List.of("--mem-queue-size=100", "-msg-timeout", "10s"));
        cluster.getSpec().getNsqd().setDrainTimeout("4s");
        cluster.getSpec().getNsqd().getStorage().setSize("1Gi");
        client.resource(cluster).create();

        awaitClusterReady(3);
        NsqCluster ready = cluster();
        assertEquals(2, ready.getStatus().getLookupd().getReadyReplicas());
        assertEquals("demo-lookupd." + NS + ".svc:4161", ready.getStatus().getLookupdHttpAddress());
        assertEquals("demo-nsqd-client." + NS + ".svc:4150", ready.getStatus().getNsqdTcpAddress());
        for (Pod lookupd : pods("lookupd")) {
            await().atMost(LONG).untilAsserted(() ->
                    assertEquals(3, getJson("http://" + lookupd.getStatus().getPodIP() + ":4161/nodes").path("producers").size()));
        }
        JsonNode nodes = getJson("http://" + pods("lookupd").get(0).getStatus().getPodIP() + ":4161/nodes");
        Set<String> broadcast = new HashSet<>();
        nodes.path("producers").forEach(p -> broadcast.add(p.path("broadcast_address").asText()));
        assertEquals(Set.of("demo-nsqd-0.demo-nsqd." + NS + ".svc.cluster.local",
                "demo-nsqd-1.demo-nsqd." + NS + ".svc.cluster.local",
                "demo-nsqd-2.demo-nsqd." + NS + ".svc.cluster.local"), broadcast);
    }

    @Test
    @Order(2)
    void aDeclaredTopicExistsWithItsChannelsOnEveryPod() {
        client.resource(topic("orders", TOPIC, DeletionPolicy.Delete, "billing", "audit")).create();

        await().atMost(LONG).untilAsserted(() ->
                assertEquals(List.of("demo-nsqd-0", "demo-nsqd-1", "demo-nsqd-2"), nsqTopic("orders").getStatus().getNodes()));
        assertTrue(Conditions.isTrue(nsqTopic("orders").getStatus().getConditions(), Conditions.READY));
        for (Pod pod : pods("nsqd")) {
            assertTrue(topicsAndChannels(pod.getStatus().getPodIP())
                    .containsAll(Set.of(TOPIC, TOPIC + "/billing", TOPIC + "/audit")), pod.getMetadata().getName());
        }
        String lookupd = pods("lookupd").get(1).getStatus().getPodIP();
        await().atMost(LONG).untilAsserted(() ->
                assertEquals(3, getJson("http://" + lookupd + ":4161/lookup?topic=" + TOPIC).path("producers").size()));
    }

    @Test
    @Order(3)
    void scalingUpGivesNewPodsTheirTopicsAndChannelsBeforeTheyAreReady() {
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().setReplicas(5);
                    return c;
                });

        awaitClusterReady(5);
        for (String name : List.of("demo-nsqd-3", "demo-nsqd-4")) {
            Pod pod = client.pods().inNamespace(NS).withName(name).get();
            Set<String> atReadiness = topicsAtReadiness.get(pod.getMetadata().getUid());
            assertNotNull(atReadiness, name + " was never seen becoming ready");
            assertTrue(atReadiness.containsAll(Set.of(TOPIC, TOPIC + "/billing", TOPIC + "/audit")),
                    name + " had only " + atReadiness + " when it became ready");
        }
        await().atMost(LONG).untilAsserted(() -> assertEquals(5, nsqTopic("orders").getStatus().getNodes().size()));
    }

    @Test
    @Order(4)
    void scalingDownLosesNoMessageWhetherConsumersDrainThePodsOrTheOperatorMovesWhatIsLeft() throws Exception {
        Set<String> published = new HashSet<>();
        for (String name : List.of("demo-nsqd-3", "demo-nsqd-4")) {
            String ip = client.pods().inNamespace(NS).withName(name).get().getStatus().getPodIP();
            try (Producer producer = new Producer(ip + ":4150", ClientConfig.defaults())) {
                List<byte[]> batch = new ArrayList<>();
                IntStream.range(0, 200).forEach(i -> {
                    String body = name + "-" + i;
                    published.add(body);
                    batch.add(body.getBytes(StandardCharsets.UTF_8));
                });
                producer.multiPublish(TOPIC, batch);
            }
        }
        // billing has a consumer that drains the leaving pods; audit has none until they are gone
        Set<String> billing = ConcurrentHashMap.newKeySet();
        Consumer billingConsumer = consumer("billing", billing);

        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().setReplicas(3);
                    return c;
                });
        await().atMost(LONG).pollInterval(Duration.ofMillis(100))
                .until(() -> tombstonedInALookupd("demo-nsqd-4", TOPIC));
        await().atMost(LONG).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var reconciling = Conditions.find(cluster().getStatus().getConditions(), Conditions.RECONCILING);
            assertEquals("MovingMessages", reconciling.getReason(), "the condition says audit's messages are being moved");
            assertEquals("Moving", cluster().getStatus().getScaleDown().getPhase());
        });
        assertEquals("false", client.pods().inNamespace(NS).withName("demo-nsqd-4").get().getMetadata().getLabels()
                .get("nsq.nsqj.io/publish"), "a draining pod leaves the producers' Service");

        await().atMost(LONG).untilAsserted(() -> {
            assertNull(client.pods().inNamespace(NS).withName("demo-nsqd-3").get());
            assertNull(client.pods().inNamespace(NS).withName("demo-nsqd-4").get());
        });
        awaitClusterReady(3);
        assertNull(cluster().getStatus().getScaleDown());

        Set<String> audit = ConcurrentHashMap.newKeySet();
        Consumer auditConsumer = consumer("audit", audit);
        try {
            await().atMost(LONG).untilAsserted(() -> {
                assertEquals(published, billing);
                assertEquals(published, audit);
            });
        } finally {
            billingConsumer.stop();
            auditConsumer.stop();
        }
        Set<String> reasons = eventReasons("demo");
        assertTrue(reasons.containsAll(Set.of("DrainStarted", "MovingMessages", "Drained")), reasons.toString());
        assertEquals(3, client.apps().statefulSets().inNamespace(NS).withName("demo-nsqd").get().getSpec().getReplicas());
    }

    @Test
    @Order(5)
    void aSpecChangeRollsPodsOneAtATimeEachReadyWithItsTopics() {
        Set<String> before = new HashSet<>();
        pods("nsqd").forEach(p -> before.add(p.getMetadata().getUid()));
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().setArgs(List.of("--mem-queue-size=100", "-msg-timeout", "10s", "--max-rdy-count=1000"));
                    return c;
                });

        await().atMost(LONG).untilAsserted(() -> {
            List<Pod> pods = pods("nsqd");
            assertEquals(3, pods.size());
            pods.forEach(p -> assertFalse(before.contains(p.getMetadata().getUid()), p.getMetadata().getName() + " not replaced"));
            StatefulSet set = client.apps().statefulSets().inNamespace(NS).withName("demo-nsqd").get();
            assertEquals(set.getStatus().getUpdateRevision(), set.getStatus().getCurrentRevision());
        });
        awaitClusterReady(3);
        for (Pod pod : pods("nsqd")) {
            assertTrue(pod.getSpec().getContainers().get(0).getArgs().contains("--max-rdy-count=1000"));
            Set<String> atReadiness = topicsAtReadiness.get(pod.getMetadata().getUid());
            assertNotNull(atReadiness, pod.getMetadata().getName());
            assertTrue(atReadiness.containsAll(Set.of(TOPIC, TOPIC + "/billing", TOPIC + "/audit")));
        }
    }

    @Test
    @Order(6)
    void raisingTheReplicasAgainCancelsADrainAndThePodTakesPublishesAgain() throws Exception {
        String ip = client.pods().inNamespace(NS).withName("demo-nsqd-2").get().getStatus().getPodIP();
        try (Producer producer = new Producer(ip + ":4150", ClientConfig.defaults())) {
            producer.publish(TOPIC, "waits on demo-nsqd-2".getBytes(StandardCharsets.UTF_8));
        }
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().setReplicas(2);
                    c.getSpec().getNsqd().setDrainTimeout("10m");
                    return c;
                });
        await().atMost(LONG).untilAsserted(() -> {
            assertEquals("false", client.pods().inNamespace(NS).withName("demo-nsqd-2").get().getMetadata().getLabels()
                    .get("nsq.nsqj.io/publish"));
            assertNotNull(cluster().getStatus().getScaleDown());
            assertEquals("Draining", cluster().getStatus().getScaleDown().getPhase());
            assertEquals(2, cluster().getStatus().getScaleDown().getRemaining(), "one message in each of two channels");
        });

        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().setReplicas(3);
                    return c;
                });
        await().atMost(LONG).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("demo-nsqd-2").get();
            assertEquals("true", pod.getMetadata().getLabels().get("nsq.nsqj.io/publish"));
            assertFalse(pod.getMetadata().getAnnotations().containsKey(NsqdScaleDown.DRAIN_STARTED));
            assertNull(cluster().getStatus().getScaleDown());
        });
        awaitClusterReady(3);
        assertTrue(eventReasons("demo").contains("ScaleDownCancelled"));
        assertEquals(3, client.apps().statefulSets().inNamespace(NS).withName("demo-nsqd").get().getSpec().getReplicas());
    }

    @Test
    @Order(7)
    void theAdminUiIsThereExactlyWhileTheSpecEnablesIt() {
        editCluster(c -> c.getSpec().getAdmin().setEnabled(true));
        await().atMost(LONG).untilAsserted(() -> {
            var admin = client.apps().deployments().inNamespace(NS).withName("demo-admin").get();
            assertNotNull(admin);
            assertTrue(admin.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()
                    .contains("--lookupd-http-address=demo-lookupd." + NS + ".svc.cluster.local:4161"));
            assertNotNull(client.services().inNamespace(NS).withName("demo-admin").get());
            assertEquals("demo-admin." + NS + ".svc:4171", cluster().getStatus().getAdminHttpAddress());
        });
        editCluster(c -> c.getSpec().getAdmin().setEnabled(false));
        await().atMost(LONG).untilAsserted(() -> {
            assertNull(client.apps().deployments().inNamespace(NS).withName("demo-admin").get());
            assertNull(client.services().inNamespace(NS).withName("demo-admin").get());
            assertNull(cluster().getStatus().getAdminHttpAddress());
        });
    }

    private void editCluster(java.util.function.Consumer<NsqCluster> change) {
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo").edit(c -> {
            change.accept(c);
            return c;
        });
    }

    @Test
    @Order(8)
    void growingTheStorageExpandsTheClaimsWhereTheStorageClassAllowsIt() {
        client.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
                .withNewMetadata().withName("standard")
                    .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner("simulated").withAllowVolumeExpansion(true).build()).create();
        setStorageSize("2Gi");
        await().atMost(LONG).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                assertEquals(new io.fabric8.kubernetes.api.model.Quantity("2Gi"), client.persistentVolumeClaims()
                        .inNamespace(NS).withName("data-demo-nsqd-" + i).get().getSpec().getResources().getRequests().get("storage"));
            }
        });

        client.storage().v1().storageClasses().withName("standard").edit(sc -> {
            sc.setAllowVolumeExpansion(false);
            return sc;
        });
        setStorageSize("3Gi");
        await().atMost(LONG).untilAsserted(() -> {
            var error = Conditions.find(cluster().getStatus().getConditions(), Conditions.ERROR);
            assertEquals("True", error.getStatus());
            assertEquals("StorageNotExpanded", error.getReason());
            assertTrue(error.getMessage().contains("does not allow volume expansion"), error.getMessage());
            assertTrue(eventReasons("demo").contains("StorageNotExpanded"));
        });
        assertEquals(new io.fabric8.kubernetes.api.model.Quantity("2Gi"), client.persistentVolumeClaims()
                .inNamespace(NS).withName("data-demo-nsqd-0").get().getSpec().getResources().getRequests().get("storage"));

        setStorageSize("2Gi");
        await().atMost(LONG).untilAsserted(() ->
                assertFalse(Conditions.isTrue(cluster().getStatus().getConditions(), Conditions.ERROR)));
    }

    private void setStorageSize(String size) {
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo")
                .edit(c -> {
                    c.getSpec().getNsqd().getStorage().setSize(size);
                    return c;
                });
    }

    @Test
    @Order(9)
    void deletingATopicDeletesItOnEveryPodUnlessRetained() {
        client.resource(topic("kept", "kept_topic", DeletionPolicy.Retain, "c")).create();
        await().atMost(LONG).untilAsserted(() -> assertEquals(3, nsqTopic("kept").getStatus().getNodes().size()));

        client.resources(NsqTopic.class).inNamespace(NS).withName("orders").delete();
        client.resources(NsqTopic.class).inNamespace(NS).withName("kept").delete();

        await().atMost(LONG).untilAsserted(() -> {
            assertNull(client.resources(NsqTopic.class).inNamespace(NS).withName("orders").get());
            assertNull(client.resources(NsqTopic.class).inNamespace(NS).withName("kept").get());
        });
        for (Pod pod : pods("nsqd")) {
            Set<String> topics = topicsAndChannels(pod.getStatus().getPodIP());
            assertFalse(topics.contains(TOPIC), pod.getMetadata().getName() + " still has " + TOPIC);
            assertTrue(topics.contains("kept_topic"), pod.getMetadata().getName() + " lost the retained topic");
        }
    }

    @Test
    @Order(10)
    void aFlagTheOperatorOwnsIsRefusedInTheStatusAndNothingIsBuilt() {
        NsqCluster bad = new NsqCluster();
        bad.setMetadata(new ObjectMetaBuilder().withName("bad").withNamespace(NS).build());
        bad.setSpec(new NsqClusterSpec());
        bad.getSpec().getNsqd().setArgs(List.of("-data-path", "/elsewhere"));
        client.resource(bad).create();

        await().atMost(LONG).untilAsserted(() -> {
            NsqCluster seen = client.resources(NsqCluster.class).inNamespace(NS).withName("bad").get();
            assertNotNull(seen.getStatus());
            var error = Conditions.find(seen.getStatus().getConditions(), Conditions.ERROR);
            assertNotNull(error);
            assertEquals("True", error.getStatus());
            assertEquals("InvalidSpec", error.getReason());
            assertTrue(error.getMessage().contains("--data-path"), error.getMessage());
        });
        assertNull(client.apps().statefulSets().inNamespace(NS).withName("bad-nsqd").get());
        client.resources(NsqCluster.class).inNamespace(NS).withName("bad").delete();
    }

    @Test
    @Order(11)
    void deletingTheClusterRemovesWhatItMadeAndKeepsTheVolumes() {
        client.resources(NsqCluster.class).inNamespace(NS).withName("demo").delete();

        await().atMost(LONG).untilAsserted(() -> {
            assertNull(client.resources(NsqCluster.class).inNamespace(NS).withName("demo").get());
            assertTrue(client.apps().statefulSets().inNamespace(NS).list().getItems().isEmpty());
            assertTrue(client.services().inNamespace(NS).list().getItems().isEmpty());
            assertTrue(client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems().isEmpty());
            assertTrue(client.pods().inNamespace(NS).list().getItems().isEmpty());
        });
        assertEquals(5, client.persistentVolumeClaims().inNamespace(NS).list().getItems().size(),
                "claims of demo-nsqd-0..4 are kept unless storage.deleteClaims");
    }

    /** A consumer of every nsqd pod there is now, by pod IP (this JVM does not resolve the pods' DNS names). */
    private Consumer consumer(String channel, Set<String> into) {
        Consumer c = new Consumer(TOPIC, channel, m -> into.add(m.bodyAsString()),
                ClientConfig.builder().maxInFlight(50).build());
        c.connectToNsqd(pods("nsqd").stream().map(p -> p.getStatus().getPodIP() + ":4150").toArray(String[]::new));
        return c;
    }

    /** Whether some lookupd lists the producer of {@code pod} with {@code topic} tombstoned. */
    private boolean tombstonedInALookupd(String pod, String topic) {
        for (Pod lookupd : pods("lookupd")) {
            for (JsonNode producer : getJson("http://" + lookupd.getStatus().getPodIP() + ":4161/nodes").path("producers")) {
                if (!producer.path("broadcast_address").asText().startsWith(pod + ".")) {
                    continue;
                }
                JsonNode topics = producer.path("topics");
                for (int i = 0; i < topics.size(); i++) {
                    if (topic.equals(topics.get(i).asText()) && producer.path("tombstones").path(i).asBoolean()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void awaitClusterReady(int nsqd) {
        await().atMost(LONG).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            NsqCluster c = cluster();
            assertNotNull(c.getStatus());
            assertTrue(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY), String.valueOf(c.getStatus().getConditions()));
            assertEquals(nsqd, c.getStatus().getNsqd().getReadyReplicas());
            assertEquals(nsqd, c.getStatus().getNsqd().getReplicas());
            assertEquals(Set.of("Ready", "Reconciling", "Error"), Set.copyOf(c.getStatus().getConditions().stream()
                    .map(io.fabric8.kubernetes.api.model.Condition::getType).toList()));
            assertEquals(3, c.getStatus().getConditions().size(), "one condition of each type");
        });
    }

    private NsqCluster cluster() {
        return client.resources(NsqCluster.class).inNamespace(NS).withName("demo").get();
    }

    private NsqTopic nsqTopic(String name) {
        NsqTopic t = client.resources(NsqTopic.class).inNamespace(NS).withName(name).get();
        assertNotNull(t);
        assertNotNull(t.getStatus());
        return t;
    }

    private static NsqTopic topic(String name, String topicName, DeletionPolicy policy, String... channels) {
        NsqTopic t = new NsqTopic();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        t.setSpec(new NsqTopicSpec());
        t.getSpec().setCluster("demo");
        t.getSpec().setTopic(topicName);
        t.getSpec().setChannels(List.of(channels));
        t.getSpec().setDeletionPolicy(policy);
        return t;
    }

    private List<Pod> pods(String component) {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", component).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
    }

    private Set<String> eventReasons(String about) {
        Set<String> reasons = new HashSet<>();
        for (Event e : client.v1().events().inNamespace(NS).list().getItems()) {
            if (about.equals(e.getInvolvedObject().getName())) {
                reasons.add(e.getReason());
            }
        }
        return reasons;
    }

    /** "topic" and "topic/channel" for everything the broker at {@code ip} has. */
    private static Set<String> topicsAndChannels(String ip) {
        Set<String> names = new HashSet<>();
        for (JsonNode t : getJson("http://" + ip + ":4151/stats?format=json").path("topics")) {
            String topic = t.path("topic_name").asText();
            names.add(topic);
            t.path("channels").forEach(c -> names.add(topic + "/" + c.path("channel_name").asText()));
        }
        return names;
    }

    private static JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), url + ": " + r.body());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(url + ": " + e, e);
        }
    }
}
