package io.nsqj.operator.packaged;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;
import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.model.NsqTopicSpec;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.kube.SimulatedCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator as the README runs it outside a cluster: the packaged jar, started with {@code java -jar} in its
 * production profile, finding the API server through a kubeconfig. The API server is the fabric8 mock in CRUD
 * mode with the committed CRDs applied, as {@code kubectl apply -k deploy/} would; SimulatedCluster plays the
 * rest of Kubernetes.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PackagedOperatorIT {
    private static final String NS = "shop";
    private static final Duration WAIT = Duration.ofSeconds(120);

    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void theJarWithAKubeconfigRunsAClusterAndItsTopic() throws Exception {
        for (Path crd : List.of(Path.of(System.getProperty("nsq.crds.dir"), "nsqclusters.nsq.nsqj.io-v1.yml"),
                Path.of(System.getProperty("nsq.crds.dir"), "nsqtopics.nsq.nsqj.io-v1.yml"))) {
            try (InputStream in = Files.newInputStream(crd)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).create();
                }
            }
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("nsq.kube.work.dir"), "packaged-" + System.nanoTime()));
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: tester
                current-context: mock
                users:
                - name: tester
                  user:
                    token: not-checked
                """.formatted(server.url("/").replaceAll("/$", "")));
        int httpPort = FreePorts.next();
        Path log = work.resolve("operator.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("nsq.operator.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        Process operator = pb.start();
        try (SimulatedCluster kube = new SimulatedCluster(client, NS, work).start()) {
            await().atMost(WAIT).until(() -> healthReady(httpPort));

            NsqCluster cluster = new NsqCluster();
            cluster.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace(NS).build());
            cluster.setSpec(new NsqClusterSpec());
            cluster.getSpec().getLookupd().setReplicas(1);
            cluster.getSpec().getNsqd().setReplicas(2);
            client.resource(cluster).create();
            NsqTopic topic = new NsqTopic();
            topic.setMetadata(new ObjectMetaBuilder().withName("payments").withNamespace(NS).build());
            topic.setSpec(new NsqTopicSpec());
            topic.getSpec().setCluster("shop");
            topic.getSpec().setChannels(List.of("ledger"));
            client.resource(topic).create();

            await().atMost(WAIT).untilAsserted(() -> {
                NsqCluster seen = client.resources(NsqCluster.class).inNamespace(NS).withName("shop").get();
                assertTrue(seen.getStatus() != null && seen.getStatus().getNsqd().getReadyReplicas() == 2,
                        "cluster status: " + (seen.getStatus() == null ? null : seen.getStatus().getConditions()));
                NsqTopic t = client.resources(NsqTopic.class).inNamespace(NS).withName("payments").get();
                assertEquals(List.of("shop-nsqd-0", "shop-nsqd-1"), t.getStatus().getNodes());
            });
            assertTrue(operator.isAlive(), "operator exited, see " + log);
        } finally {
            operator.destroy();
            assertTrue(operator.waitFor(30, TimeUnit.SECONDS), "operator did not stop on SIGTERM, see " + log);
        }
        // 143 is the JVM's exit after SIGTERM once its shutdown hooks (Quarkus' orderly stop) have run
        assertTrue(List.of(0, 143).contains(operator.exitValue()), "exit code " + operator.exitValue() + ", see " + log);
        assertTrue(Files.readString(log).contains("nsq-operator stopped"), "no orderly stop in " + log);
    }

    private static boolean healthReady(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
