package io.nsqj.operator.resources;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterNamesTest {
    private final ClusterNames names = DemoCluster.names();

    @Test
    void objectsAreNamedAfterTheClusterAndComponent() {
        assertEquals("demo-lookupd", names.lookupd());
        assertEquals("demo-nsqd", names.nsqd());
        assertEquals("demo-nsqd-client", names.nsqdClient());
    }

    @Test
    void nsqdPodsAreTheStatefulSetsOrdinals() {
        assertEquals("demo-nsqd-0", names.nsqdPod(0));
        assertEquals("demo-nsqd-4", names.nsqdPod(4));
    }

    @Test
    void lookupdIsFoundByItsHeadlessServicesFullName() {
        assertEquals("demo-lookupd.shop.svc.cluster.local", names.lookupdHost());
    }

    @Test
    void podsBroadcastTheirOwnNameUnderTheirHeadlessService() {
        assertEquals("$(POD_NAME).demo-nsqd.shop.svc.cluster.local", names.nsqdBroadcastHost());
        assertEquals("$(POD_NAME).demo-lookupd.shop.svc.cluster.local", names.lookupdBroadcastHost());
    }

    @Test
    void theClusterDomainIsTheConfiguredOne() {
        ClusterNames corp = new ClusterNames("demo", "shop", "corp.internal");
        assertEquals("demo-lookupd.shop.svc.corp.internal", corp.lookupdHost());
        assertEquals("$(POD_NAME).demo-nsqd.shop.svc.corp.internal", corp.nsqdBroadcastHost());
    }

    @Test
    void theStatusAddressesAreTheServicesWithTheirPorts() {
        assertEquals("demo-lookupd.shop.svc:4161", names.lookupdHttpAddress());
        assertEquals("demo-nsqd-client.shop.svc:4150", names.nsqdTcpAddress());
    }

    @Test
    void thePortsAreNsqsDefaults() {
        assertEquals(4150, ClusterNames.NSQD_TCP_PORT);
        assertEquals(4151, ClusterNames.NSQD_HTTP_PORT);
        assertEquals(4152, ClusterNames.NSQD_HTTPS_PORT);
        assertEquals(4160, ClusterNames.LOOKUPD_TCP_PORT);
        assertEquals(4161, ClusterNames.LOOKUPD_HTTP_PORT);
    }

    @Test
    void aClusterNameThatCannotNameItsServicesAndStatefulSetsIsRefused() {
        for (String bad : new String[]{"my.cluster", "1demo", "Demo", "demo-", "a".repeat(45)}) {
            assertThrows(InvalidSpecException.class, () -> ClusterNames.of(bad, "shop", "cluster.local"), bad);
        }
        assertEquals("a".repeat(44) + "-nsqd-client", ClusterNames.of("a".repeat(44), "shop", "cluster.local").nsqdClient());
        assertEquals("demo-2", ClusterNames.of("demo-2", "shop", "cluster.local").cluster());
    }
}
