package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.Map;

/** The cluster's Services: headless ones for pod DNS names, and the one producers publish through. */
public final class ClusterServices {
    private ClusterServices() {
    }

    /**
     * lookupd's headless Service: one DNS name for every lookupd pod. Not-ready pods are published too, so a
     * broker starting beside a lookupd that is still starting finds it at its next re-resolution.
     */
    public static Service lookupdHeadless(ClusterNames names) {
        return headless(names, names.lookupd(), ClusterLabels.LOOKUPD,
                port("tcp", ClusterNames.LOOKUPD_TCP_PORT), port("http", ClusterNames.LOOKUPD_HTTP_PORT));
    }

    /** nsqd's headless Service: gives each pod the DNS name it broadcasts to lookupd. */
    public static Service nsqdHeadless(ClusterNames names) {
        return headless(names, names.nsqd(), ClusterLabels.NSQD,
                port("tcp", ClusterNames.NSQD_TCP_PORT), port("http", ClusterNames.NSQD_HTTP_PORT));
    }

    /** Producers' Service: ready pods (their topics exist) that are not being drained. */
    public static Service nsqdClient(ClusterNames names) {
        Map<String, String> selector = ClusterLabels.selector(names.cluster(), ClusterLabels.NSQD);
        selector.put(ClusterLabels.PUBLISH, "true");
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(names.nsqdClient())
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.NSQD))
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(selector)
                    .withPorts(port("tcp", ClusterNames.NSQD_TCP_PORT), port("http", ClusterNames.NSQD_HTTP_PORT))
                .endSpec()
                .build();
    }

    /** The admin UI's Service, on nsqadmin's port. */
    public static Service admin(ClusterNames names) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(names.admin())
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), ClusterLabels.ADMIN))
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(ClusterLabels.selector(names.cluster(), ClusterLabels.ADMIN))
                    .withPorts(port("http", ClusterNames.ADMIN_HTTP_PORT))
                .endSpec()
                .build();
    }

    private static Service headless(ClusterNames names, String name, String component, ServicePort... ports) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), component))
                .endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(ClusterLabels.selector(names.cluster(), component))
                    .withPorts(ports)
                .endSpec()
                .build();
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }
}
