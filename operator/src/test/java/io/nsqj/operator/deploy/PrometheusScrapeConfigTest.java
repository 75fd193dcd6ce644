package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;
import io.nsqj.operator.resources.ClusterNames;
import io.nsqj.operator.resources.LookupdStatefulSet;
import io.nsqj.operator.resources.NsqdStatefulSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/prometheus/: the scrape job finds the pods the builders and deploy/ annotate, at the right address and
 * path. Prometheus' pod discovery and relabelling are played here on the pods' templates.
 */
class PrometheusScrapeConfigTest {
    private static final ClusterNames NAMES = new ClusterNames("demo", "shop", "cluster.local");
    private final JsonNode job = DeployFiles.documents(DeployFiles.deploy().resolve("prometheus/prometheus.yml")).get(0)
            .at("/scrape_configs/0");

    @Test
    void theJobDiscoversPods() {
        assertEquals("pod", job.at("/kubernetes_sd_configs/0/role").asText());
    }

    @Test
    void anNsqdPodIsScrapedAtItsHttpPortAndMetricsPath() {
        List<Map<String, String>> targets = scrape(nsqdTemplate(), "demo-nsqd-0", "10.1.2.3", "Running");
        assertEquals(1, targets.size(), targets.toString());
        Map<String, String> target = targets.get(0);
        assertEquals("10.1.2.3:4151", target.get("__address__"));
        assertEquals("/q/metrics", target.get("__metrics_path__"));
        assertEquals("shop", target.get("namespace"));
        assertEquals("demo-nsqd-0", target.get("pod"));
        assertEquals("demo", target.get("nsq_nsqj_io_cluster"));
        assertEquals("nsqd", target.get("app_kubernetes_io_component"));
    }

    @Test
    void anIpv6PodsAddressIsBracketed() {
        assertEquals("[fd00::1:2]:4151", scrape(nsqdTemplate(), "demo-nsqd-0", "fd00::1:2", "Running").get(0).get("__address__"));
    }

    @Test
    void theOperatorIsScrapedOnItsOwnPort() {
        JsonNode template = DeployFiles.documents(DeployFiles.deploy().resolve("deployment.yaml")).get(0).at("/spec/template");
        PodTemplateSpec pod = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(template.toString(), PodTemplateSpec.class);
        pod.getMetadata().setNamespace("nsq-system");
        Map<String, String> target = scrape(pod, "nsq-operator-abc", "10.9.9.9", "Running").get(0);
        assertEquals("10.9.9.9:8080", target.get("__address__"));
        assertEquals("/q/metrics", target.get("__metrics_path__"));
    }

    @Test
    void aLookupdPodIsScrapedAtItsHttpPortAndMetricsPath() {
        PodTemplateSpec lookupd = LookupdStatefulSet.desired(cluster(), NAMES).getSpec().getTemplate();
        lookupd.getMetadata().setNamespace("shop");
        Map<String, String> target = scrape(lookupd, "demo-lookupd-0", "10.1.2.4", "Running").get(0);
        assertEquals("10.1.2.4:4161", target.get("__address__"));
        assertEquals("/q/metrics", target.get("__metrics_path__"));
        assertEquals("demo-lookupd-0", target.get("pod"));
        assertEquals("lookupd", target.get("app_kubernetes_io_component"));
    }

    @Test
    void aPodWithoutTheScrapeAnnotationIsLeftAlone() {
        PodTemplateSpec lookupd = LookupdStatefulSet.desired(cluster(), NAMES).getSpec().getTemplate();
        lookupd.getMetadata().setNamespace("shop");
        lookupd.getMetadata().getAnnotations().remove("prometheus.io/scrape");
        assertEquals(List.of(), scrape(lookupd, "demo-lookupd-0", "10.1.2.4", "Running"));
    }

    @Test
    void aPendingPodIsLeftAlone() {
        assertEquals(List.of(), scrape(nsqdTemplate(), "demo-nsqd-0", "10.1.2.3", "Pending"));
    }

    @Test
    void thePodMonitorsSelectTheNsqdLookupdAndOperatorPodsByTheirHttpPort() {
        List<JsonNode> monitors = DeployFiles.documents(DeployFiles.deploy().resolve("prometheus/podmonitors.yaml"));
        JsonNode nsqd = DeployFiles.only(monitors, "PodMonitor", "nsqd");
        PodTemplateSpec template = nsqdTemplate();
        nsqd.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), template.getMetadata().getLabels().get(e.getKey()), e.getKey()));
        assertTrue(nsqd.at("/spec/namespaceSelector/any").asBoolean());
        assertEquals("http", nsqd.at("/spec/podMetricsEndpoints/0/port").asText());
        assertTrue(template.getSpec().getContainers().get(0).getPorts().stream().anyMatch(p -> p.getName().equals("http")));
        assertEquals("/q/metrics", nsqd.at("/spec/podMetricsEndpoints/0/path").asText());

        JsonNode lookupd = DeployFiles.only(monitors, "PodMonitor", "nsqlookupd");
        PodTemplateSpec lookupdTemplate = LookupdStatefulSet.desired(cluster(), NAMES).getSpec().getTemplate();
        lookupd.at("/spec/selector/matchLabels").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
                lookupdTemplate.getMetadata().getLabels().get(e.getKey()), e.getKey()));
        assertEquals("http", lookupd.at("/spec/podMetricsEndpoints/0/port").asText());
        assertEquals("/q/metrics", lookupd.at("/spec/podMetricsEndpoints/0/path").asText());

        JsonNode operator = DeployFiles.only(monitors, "PodMonitor", "nsq-operator");
        JsonNode deployment = DeployFiles.documents(DeployFiles.deploy().resolve("deployment.yaml")).get(0);
        assertEquals(deployment.at("/spec/selector/matchLabels"), operator.at("/spec/selector/matchLabels"));
        assertEquals(deployment.at("/spec/template/spec/containers/0/ports/0/name").asText(),
                operator.at("/spec/podMetricsEndpoints/0/port").asText());
    }

    private static NsqCluster cluster() {
        NsqCluster cluster = new NsqCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("shop").build());
        cluster.setSpec(new NsqClusterSpec());
        return cluster;
    }

    private static PodTemplateSpec nsqdTemplate() {
        PodTemplateSpec template = NsqdStatefulSet.desired(cluster(), NAMES, 3).getSpec().getTemplate();
        template.getMetadata().setNamespace("shop");
        return template;
    }

    /** The targets left after relabelling what role: pod discovers for one pod: one per container port. */
    private List<Map<String, String>> scrape(PodTemplateSpec pod, String name, String ip, String phase) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (ContainerPort port : pod.getSpec().getContainers().get(0).getPorts()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__address__", (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.getContainerPort());
            labels.put("__metrics_path__", "/metrics");
            labels.put("__meta_kubernetes_namespace", pod.getMetadata().getNamespace());
            labels.put("__meta_kubernetes_pod_name", name);
            labels.put("__meta_kubernetes_pod_ip", ip);
            labels.put("__meta_kubernetes_pod_phase", phase);
            labels.put("__meta_kubernetes_pod_container_port_name", port.getName());
            Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of()).forEach(
                    (k, v) -> labels.put("__meta_kubernetes_pod_label_" + sanitize(k), v));
            Optional.ofNullable(pod.getMetadata().getAnnotations()).orElse(Map.of()).forEach(
                    (k, v) -> labels.put("__meta_kubernetes_pod_annotation_" + sanitize(k), v));
            relabel(labels).filter(t -> !targets.contains(t)).ifPresent(targets::add);
        }
        return targets;
    }

    /** Prometheus' relabel_configs, for the actions the job uses; the target's labels, or none if dropped. */
    private Optional<Map<String, String>> relabel(Map<String, String> labels) {
        for (JsonNode rule : job.path("relabel_configs")) {
            String action = rule.path("action").asText("replace");
            Pattern regex = Pattern.compile("^(?:" + rule.path("regex").asText("(.*)") + ")$");
            String replacement = rule.path("replacement").asText("$1");
            List<String> sources = new ArrayList<>();
            rule.path("source_labels").forEach(s -> sources.add(labels.getOrDefault(s.asText(), "")));
            Matcher m = regex.matcher(String.join(rule.path("separator").asText(";"), sources));
            switch (action) {
                case "keep" -> {
                    if (!m.matches()) {
                        return Optional.empty();
                    }
                }
                case "drop" -> {
                    if (m.matches()) {
                        return Optional.empty();
                    }
                }
                case "replace" -> {
                    if (m.matches()) {
                        labels.put(rule.path("target_label").asText(), m.replaceFirst(replacement));
                    }
                }
                case "labelmap" -> new LinkedHashMap<>(labels).forEach((k, v) -> {
                    Matcher name = regex.matcher(k);
                    if (name.matches()) {
                        labels.put(name.replaceFirst(replacement), v);
                    }
                });
                default -> throw new AssertionError("relabel action " + action + " is not played here");
            }
        }
        Map<String, String> target = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("__meta_")) {
                target.put(k, v);
            }
        });
        return Optional.of(target);
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
