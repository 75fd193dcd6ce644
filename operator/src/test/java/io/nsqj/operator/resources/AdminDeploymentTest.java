package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AdminDeploymentTest {
    private final ClusterNames names = new ClusterNames("demo", "shop", "cluster.local");

    private static NsqCluster demo() {
        NsqCluster c = new NsqCluster();
        c.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("shop").build());
        c.setSpec(new NsqClusterSpec());
        c.getSpec().getAdmin().setEnabled(true);
        c.getSpec().getImages().setAdmin("registry.example.com/nsq-admin:1.2");
        c.getSpec().getPod().setLabels(Map.of("team", "payments"));
        return c;
    }

    private Container container() {
        return AdminDeployment.desired(demo(), names).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theAdminFindsEveryNsqdThroughTheLookupdHeadlessServiceOnNsqadminsPort() {
        assertEquals(List.of("--http-address=0.0.0.0:4171",
                "--lookupd-http-address=demo-lookupd.shop.svc.cluster.local:4161"), container().getArgs());
        assertEquals(4171, container().getPorts().get(0).getContainerPort());
        assertEquals("registry.example.com/nsq-admin:1.2", container().getImage());
    }

    @Test
    void itIsOneStatelessPodProbedOnItsHealthEndpoints() {
        Deployment d = AdminDeployment.desired(demo(), names);
        assertEquals("demo-admin", d.getMetadata().getName());
        assertEquals(1, d.getSpec().getReplicas());
        assertEquals("/q/health/ready", container().getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", container().getLivenessProbe().getHttpGet().getPath());
        assertEquals(Boolean.FALSE, container().getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
    }

    @Test
    void itsPodsCarryTheClustersLabelsAndTheServiceSelectsThem() {
        Deployment d = AdminDeployment.desired(demo(), names);
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals("payments", podLabels.get("team"));
        assertEquals("admin", podLabels.get(ClusterLabels.COMPONENT));
        Service s = ClusterServices.admin(names);
        assertEquals("demo-admin", s.getMetadata().getName());
        assertEquals(d.getSpec().getSelector().getMatchLabels(), s.getSpec().getSelector());
        s.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k)));
        assertEquals(4171, s.getSpec().getPorts().get(0).getPort());
        assertFalse(s.getSpec().getSelector().containsKey(ClusterLabels.PUBLISH));
    }

    @Test
    void theSameSpecGivesTheSameObjects() {
        assertEquals(AdminDeployment.desired(demo(), names), AdminDeployment.desired(demo(), names));
    }
}
