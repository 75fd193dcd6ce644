package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator may do what it does and nothing more. */
class ClusterRoleTest {
    private static final Set<String> WATCH_AND_WRITE = Set.of("get", "list", "watch", "create", "update", "patch", "delete");

    @Test
    void theClusterRoleGrantsExactlyWhatTheOperatorDoes() {
        Map<String, Set<String>> expected = new TreeMap<>(Map.ofEntries(
                // watched; finalizers added and removed; status written; never created nor deleted
                Map.entry("nsq.nsqj.io/nsqclusters", Set.of("get", "list", "watch", "patch", "update")),
                Map.entry("nsq.nsqj.io/nsqtopics", Set.of("get", "list", "watch", "patch", "update")),
                Map.entry("nsq.nsqj.io/nsqclusters/status", Set.of("get", "patch", "update")),
                Map.entry("nsq.nsqj.io/nsqtopics/status", Set.of("get", "patch", "update")),
                Map.entry("nsq.nsqj.io/nsqclusters/finalizers", Set.of("update")),
                Map.entry("nsq.nsqj.io/nsqtopics/finalizers", Set.of("update")),
                Map.entry("apps/statefulsets", WATCH_AND_WRITE),
                Map.entry("apps/deployments", WATCH_AND_WRITE),
                Map.entry("core/services", WATCH_AND_WRITE),
                Map.entry("policy/poddisruptionbudgets", WATCH_AND_WRITE),
                // relabelled before a drain; the readiness gate is a status condition
                Map.entry("core/pods", Set.of("get", "list", "watch", "patch", "update")),
                Map.entry("core/pods/status", Set.of("patch", "update")),
                // a larger storage.size is written to each claim
                Map.entry("core/persistentvolumeclaims", Set.of("get", "list", "watch", "patch", "update")),
                Map.entry("core/events", Set.of("create", "patch")),
                Map.entry("storage.k8s.io/storageclasses", Set.of("get", "list"))));
        assertEquals(expected, grants(DeployFiles.documents(DeployFiles.deploy().resolve("cluster-role.yaml")).get(0)));
    }

    @Test
    void theBindingGivesThatRoleToTheOperatorsServiceAccount() {
        JsonNode binding = DeployFiles.documents(DeployFiles.deploy().resolve("cluster-role-binding.yaml")).get(0);
        JsonNode role = DeployFiles.documents(DeployFiles.deploy().resolve("cluster-role.yaml")).get(0);
        assertEquals("ClusterRole", binding.at("/roleRef/kind").asText());
        assertEquals(role.at("/metadata/name").asText(), binding.at("/roleRef/name").asText());
        assertEquals(1, binding.path("subjects").size());
        assertEquals("ServiceAccount", binding.at("/subjects/0/kind").asText());
        assertEquals("nsq-operator", binding.at("/subjects/0/name").asText());
        assertEquals("nsq-system", binding.at("/subjects/0/namespace").asText());
    }

    /** "group/resource" to verbs, over all rules; wildcards and resourceNames would show up as such. */
    private static Map<String, Set<String>> grants(JsonNode role) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    String key = (group.asText().isEmpty() ? "core" : group.asText()) + "/" + resource.asText();
                    rule.path("verbs").forEach(v -> grants.computeIfAbsent(key, k -> new TreeSet<>()).add(v.asText()));
                }
            }
            rule.path("resourceNames").forEach(n -> grants.put("resourceNames:" + n.asText(), Set.of()));
            rule.path("nonResourceURLs").forEach(n -> grants.put("nonResourceURL:" + n.asText(), Set.of()));
        }
        return grants;
    }
}
