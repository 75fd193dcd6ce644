package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterSpec;

import java.util.List;

/** The NsqCluster the builder tests start from: deploy/examples' demo, in namespace "shop". */
final class DemoCluster {
    static final String NAMESPACE = "shop";

    private DemoCluster() {
    }

    /** demo with the operator's defaults (2 lookupds, 3 nsqds, 10Gi) and the example's nsqd args. */
    static NsqCluster demo() {
        NsqCluster cluster = new NsqCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(NAMESPACE).build());
        cluster.setSpec(new NsqClusterSpec());
        cluster.getSpec().getNsqd().setArgs(List.of("--mem-queue-size=10000", "--msg-timeout=60s"));
        return cluster;
    }

    static ClusterNames names() {
        return new ClusterNames("demo", NAMESPACE, "cluster.local");
    }
}
