package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterServicesTest {
    private final ClusterNames names = DemoCluster.names();

    private static io.fabric8.kubernetes.api.model.ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }

    @Test
    void lookupdsHeadlessServiceNamesEveryLookupdPodReadyOrNot() {
        Service expected = new ServiceBuilder()
                .withNewMetadata().withName("demo-lookupd").withNamespace("shop")
                    .withLabels(ClusterLabels.of("demo", "lookupd")).endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(ClusterLabels.selector("demo", "lookupd"))
                    .withPorts(port("tcp", 4160), port("http", 4161))
                .endSpec()
                .build();
        assertEquals(expected, ClusterServices.lookupdHeadless(names));
    }

    @Test
    void nsqdsHeadlessServiceGivesEveryPodTheNameItBroadcasts() {
        Service expected = new ServiceBuilder()
                .withNewMetadata().withName("demo-nsqd").withNamespace("shop")
                    .withLabels(ClusterLabels.of("demo", "nsqd")).endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(ClusterLabels.selector("demo", "nsqd"))
                    .withPorts(port("tcp", 4150), port("http", 4151))
                .endSpec()
                .build();
        assertEquals(expected, ClusterServices.nsqdHeadless(names));
        assertEquals(ClusterServices.nsqdHeadless(names).getMetadata().getName(),
                NsqdStatefulSet.desired(DemoCluster.demo(), names, 3).getSpec().getServiceName());
    }

    @Test
    void producersServiceTakesReadyPodsThatPublish() {
        Map<String, String> selector = new LinkedHashMap<>(ClusterLabels.selector("demo", "nsqd"));
        selector.put("nsq.nsqj.io/publish", "true");
        Service expected = new ServiceBuilder()
                .withNewMetadata().withName("demo-nsqd-client").withNamespace("shop")
                    .withLabels(ClusterLabels.of("demo", "nsqd")).endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(selector)
                    .withPorts(port("tcp", 4150), port("http", 4151))
                .endSpec()
                .build();
        assertEquals(expected, ClusterServices.nsqdClient(names));
    }

    @Test
    void aDrainedPodLeavesTheProducersServiceButKeepsItsDnsName() {
        Map<String, String> drained = new LinkedHashMap<>(ClusterLabels.of("demo", "nsqd"));
        drained.put(ClusterLabels.PUBLISH, "false");
        assertTrue(drained.entrySet().containsAll(ClusterServices.nsqdHeadless(names).getSpec().getSelector().entrySet()));
        assertFalse(drained.entrySet().containsAll(ClusterServices.nsqdClient(names).getSpec().getSelector().entrySet()));
    }

    @Test
    void theProducersServiceHasAClusterIpAndOnlyReadyPods() {
        Service client = ClusterServices.nsqdClient(names);
        assertNull(client.getSpec().getClusterIP());
        assertNotEquals(Boolean.TRUE, client.getSpec().getPublishNotReadyAddresses());
    }

    @Test
    void theSameNamesGiveEqualServices() {
        assertEquals(ClusterServices.nsqdClient(names), ClusterServices.nsqdClient(DemoCluster.names()));
        assertEquals(ClusterServices.lookupdHeadless(names), ClusterServices.lookupdHeadless(DemoCluster.names()));
    }
}
