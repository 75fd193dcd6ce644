package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What `kubectl apply -k deploy/` installs, as kubectl renders it. */
class KustomizeBaseTest {
    private static String cannotRender;
    private static List<JsonNode> objects;

    @BeforeAll
    static void render() {
        cannotRender = Kubectl.whyKustomizeCannotRenderDeploy();
        if (cannotRender == null) {
            objects = DeployFiles.documents(Kubectl.kustomize(DeployFiles.deploy()));
        }
    }

    /** A kubectl too old to render deploy/ (or none) fails every test here, saying why: none is skipped. */
    @BeforeEach
    void needsAKubectlThatRendersDeploy() {
        assertNull(cannotRender, cannotRender);
    }

    @Test
    void theBaseRendersWithoutWarnings() {
        Kubectl.Result result = Kubectl.run("kustomize", DeployFiles.deploy().toString());
        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err().strip());
    }

    @Test
    void theBaseIsTheCrdsTheOperatorAndItsRbacAndNothingElse() {
        assertEquals(Set.of(
                "Namespace/nsq-system",
                "CustomResourceDefinition/nsqclusters.nsq.nsqj.io",
                "CustomResourceDefinition/nsqtopics.nsq.nsqj.io",
                "ServiceAccount/nsq-system/nsq-operator",
                "ClusterRole/nsq-operator",
                "ClusterRoleBinding/nsq-operator",
                "Deployment/nsq-system/nsq-operator",
                "Service/nsq-system/nsq-operator"), objects.stream().map(KustomizeBaseTest::id).collect(Collectors.toSet()));
    }

    @Test
    void theInstalledCrdsAreTheCommittedOnes() {
        for (Path file : DeployFiles.files(DeployFiles.crds(), n -> n.endsWith("-v1.yml"))) {
            JsonNode committed = DeployFiles.documents(file).get(0);
            JsonNode installed = DeployFiles.only(objects, "CustomResourceDefinition", committed.at("/metadata/name").asText());
            // kustomize writes "minimum: 1.0" as 1: numbers are compared by value
            assertTrue(committed.equals(KustomizeBaseTest::sameValue, installed), "kubectl kustomize changed " + file);
        }
    }

    @Test
    void theOperatorRunsTheReleasedImage() {
        assertEquals("ghcr.io/nsqj/nsq-operator:0.1.0", image(objects));
    }

    @Test
    void anOverlaysImagesReplaceTheOperatorImage() throws IOException {
        Path overlay = DeployFiles.generatedCrds().getParent().resolve("kustomize-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                images:
                  - name: ghcr.io/nsqj/nsq-operator
                    newName: registry.example.com/nsq-operator
                    newTag: 0.1.1
                """.formatted(overlay.relativize(DeployFiles.deploy())));
        assertEquals("registry.example.com/nsq-operator:0.1.1", image(DeployFiles.documents(Kubectl.kustomize(overlay))));
    }

    @Test
    void anOverlaysImagesReplaceTheImagesAnExampleClusterNames() throws IOException {
        Path overlay = DeployFiles.generatedCrds().getParent().resolve("kustomize-examples-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                images:
                  - name: ghcr.io/nsqj/nsq-broker
                    newName: registry.example.com/nsq-broker
                    newTag: 0.2.0
                  - name: ghcr.io/nsqj/nsq-lookupd
                    newTag: 0.2.0
                """.formatted(overlay.relativize(DeployFiles.deploy().resolve("examples"))));
        List<JsonNode> rendered = DeployFiles.documents(Kubectl.kustomize(overlay));
        JsonNode images = DeployFiles.only(rendered, "NsqCluster", "demo").path("spec").path("images");
        assertEquals("registry.example.com/nsq-broker:0.2.0", images.path("broker").asText());
        assertEquals("ghcr.io/nsqj/nsq-lookupd:0.2.0", images.path("lookupd").asText());
        assertEquals("ghcr.io/nsqj/nsq-admin:0.1.0", images.path("admin").asText());
        assertEquals(3, rendered.size(), "the cluster and its two topics");
    }

    @Test
    void theExamplesAndPrometheusFilesAreNotInstalled() {
        assertFalse(objects.stream().anyMatch(o -> o.path("kind").asText().matches("NsqCluster|NsqTopic|PodMonitor|ServiceMonitor")));
    }

    private static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static String image(List<JsonNode> objects) {
        return DeployFiles.only(objects, "Deployment", "nsq-operator").at("/spec/template/spec/containers/0/image").asText();
    }

    private static String id(JsonNode o) {
        String namespace = o.at("/metadata/namespace").asText("");
        return o.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + o.at("/metadata/name").asText();
    }
}
