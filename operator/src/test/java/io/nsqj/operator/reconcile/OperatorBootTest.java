package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorBootTest {
    @KubernetesTestServer
    KubernetesMockServer server;
    @Inject
    KubernetesClient client;

    @Test
    void aClusterGetsItsStatefulSets() {
        NsqCluster c = new NsqCluster();
        c.setMetadata(new ObjectMetaBuilder().withName("boot").withNamespace("test").build());
        c.setSpec(new NsqClusterSpec());
        client.resource(c).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StatefulSet s = client.apps().statefulSets().inNamespace("test").withName("boot-nsqd").get();
            assertNotNull(s);
            assertEquals(3, s.getSpec().getReplicas());
            NsqCluster now = client.resources(NsqCluster.class).inNamespace("test").withName("boot").get();
            assertNotNull(now.getStatus());
            assertEquals("boot-lookupd.test.svc:4161", now.getStatus().getLookupdHttpAddress());
        });
    }
}
