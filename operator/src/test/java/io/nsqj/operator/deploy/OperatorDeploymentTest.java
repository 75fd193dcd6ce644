package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/deployment.yaml and service.yaml agree with the operator they run and with its image. */
class OperatorDeploymentTest {
    private final JsonNode deployment = DeployFiles.documents(DeployFiles.deploy().resolve("deployment.yaml")).get(0);
    private final JsonNode pod = deployment.at("/spec/template/spec");
    private final JsonNode container = pod.at("/containers/0");

    @Test
    void oneOperatorRunsAtATime() {
        assertEquals(1, deployment.at("/spec/replicas").asInt());
        assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
    }

    @Test
    void itRunsAsTheServiceAccountTheClusterRoleIsBoundTo() {
        JsonNode account = DeployFiles.documents(DeployFiles.deploy().resolve("service-account.yaml")).get(0);
        JsonNode subject = DeployFiles.documents(DeployFiles.deploy().resolve("cluster-role-binding.yaml")).get(0)
                .at("/subjects/0");
        assertEquals(account.at("/metadata/name").asText(), pod.path("serviceAccountName").asText());
        assertEquals(account.at("/metadata/name").asText(), subject.path("name").asText());
        assertEquals(account.at("/metadata/namespace").asText(), subject.path("namespace").asText());
        assertEquals(deployment.at("/metadata/namespace").asText(), account.at("/metadata/namespace").asText());
    }

    @Test
    void itWatchesEveryNamespace() {
        assertEquals("JOSDK_ALL_NAMESPACES", env("QUARKUS_OPERATOR_SDK_NAMESPACES"));
    }

    @Test
    void probesAskQuarkusHealthOnTheOperatorsHttpPort() throws IOException {
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("http", container.at("/livenessProbe/httpGet/port").asText());
        assertEquals("http", container.at("/readinessProbe/httpGet/port").asText());
        assertEquals("http", container.at("/ports/0/name").asText());
        assertEquals(Integer.parseInt(applicationProperty("quarkus.http.port")), container.at("/ports/0/containerPort").asInt());
    }

    @Test
    void prometheusIsToldWhereTheMetricsAre() {
        JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals(container.at("/ports/0/containerPort").asText(), annotations.path("prometheus.io/port").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
    }

    @Test
    void itRunsAsTheImagesNonRootUserWithoutPrivileges() {
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals(dockerfileUser(), pod.at("/securityContext/runAsUser").asText());
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
    }

    @Test
    void aReadOnlyRootStillHasAWritableTmp() {
        assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
        assertEquals(container.at("/volumeMounts/0/name").asText(), pod.at("/volumes/0/name").asText());
        assertTrue(pod.at("/volumes/0/emptyDir").isObject());
    }

    @Test
    void itAsksForCpuAndMemoryAndIsBoundedInMemory() {
        assertFalse(container.at("/resources/requests/cpu").asText().isEmpty());
        assertFalse(container.at("/resources/requests/memory").asText().isEmpty());
        assertFalse(container.at("/resources/limits/memory").asText().isEmpty());
    }

    @Test
    void theServiceReachesTheOperatorsHttpPort() {
        JsonNode service = DeployFiles.documents(DeployFiles.deploy().resolve("service.yaml")).get(0);
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        service.at("/spec/selector").fields().forEachRemaining(
                e -> assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(), e.getKey()));
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"));
    }

    private String env(String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static String applicationProperty(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OperatorDeploymentTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty(name);
    }

    /** The numeric USER of operator/src/main/docker/Dockerfile.jvm: what runAsNonRoot is checked against. */
    private static String dockerfileUser() {
        String dockerfile = DeployFiles.read(Path.of("src/main/docker/Dockerfile.jvm"));
        Matcher m = Pattern.compile("(?m)^USER (\\d+)\\s*$").matcher(dockerfile);
        assertTrue(m.find(), "Dockerfile.jvm has no numeric USER");
        return m.group(1);
    }
}
