package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nsqj.operator.model.CrdSchema;
import io.nsqj.operator.model.DeletionPolicy;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.resources.ClusterNames;
import io.nsqj.operator.resources.LookupdStatefulSet;
import io.nsqj.operator.resources.NsqdStatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** deploy/examples/: what a user applies after the base; every file must be accepted as it is. */
class ExamplesTest {

    static List<Path> examples() {
        return DeployFiles.files(DeployFiles.deploy().resolve("examples"),
                n -> (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals("kustomization.yaml"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theApiServerWouldAcceptTheExample(Path file) {
        List<JsonNode> documents = DeployFiles.documents(file);
        assertFalse(documents.isEmpty(), file + " is empty");
        for (JsonNode document : documents) {
            assertEquals(List.of(), CrdSchema.forKind(document.path("kind").asText()).violations(document), file.toString());
        }
    }

    @Test
    void theDemoClusterIsNsqsDemoTopology() {
        NsqCluster demo = load("nsqcluster-demo.yaml", NsqCluster.class);
        assertEquals("demo", demo.getMetadata().getName());
        assertEquals(2, demo.getSpec().getLookupd().getReplicas());
        assertEquals(3, demo.getSpec().getNsqd().getReplicas());
        assertEquals("10Gi", demo.getSpec().getNsqd().getStorage().getSize());
        assertEquals(List.of("--mem-queue-size=10000", "--msg-timeout=60s"), demo.getSpec().getNsqd().getArgs());
    }

    @Test
    void theOperatorCanBuildTheDemoCluster() {
        NsqCluster demo = load("nsqcluster-demo.yaml", NsqCluster.class);
        ClusterNames names = new ClusterNames("demo", "default", "cluster.local");
        assertDoesNotThrow(() -> NsqdStatefulSet.desired(demo, names, 3));
        assertDoesNotThrow(() -> LookupdStatefulSet.desired(demo, names));
    }

    @Test
    void theTopicsBelongToTheDemoCluster() {
        Map<String, NsqTopic> topics = examples().stream()
                .filter(f -> f.getFileName().toString().startsWith("nsqtopic-"))
                .map(f -> Serialization.unmarshal(DeployFiles.read(f), NsqTopic.class))
                .collect(Collectors.toMap(NsqTopic::topicName, t -> t));
        assertEquals(2, topics.size(), topics.keySet().toString());
        topics.values().forEach(t -> assertEquals("demo", t.getSpec().getCluster()));
        assertEquals(List.of("billing", "audit"), topics.get("orders_v2").getSpec().getChannels());
        assertEquals(DeletionPolicy.Delete, topics.get("orders_v2").getSpec().getDeletionPolicy());
        assertEquals(1, topics.values().stream().filter(t -> t.getSpec().getDeletionPolicy() == DeletionPolicy.Retain).count());
    }

    private static <T> T load(String file, Class<T> type) {
        return Serialization.unmarshal(DeployFiles.read(DeployFiles.deploy().resolve("examples").resolve(file)), type);
    }
}
