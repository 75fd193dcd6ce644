package io.nsqj.operator.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

/**
 * An NSQ cluster: lookupds and nsqds, declared. The scale subresource points at {@code spec.nsqd.replicas}
 * ({@link NsqdSpec}), so {@code kubectl scale nsqcluster/x --replicas=5} scales nsqd.
 */
@Group(NsqCluster.GROUP)
@Version(NsqCluster.VERSION)
@Kind("NsqCluster")
@Plural("nsqclusters")
@ShortNames("nsqc")
@AdditionalPrinterColumn(name = "nsqd", jsonPath = ".status.nsqd.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "lookupd", jsonPath = ".status.lookupd.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NsqCluster extends CustomResource<NsqClusterSpec, NsqClusterStatus> implements Namespaced {
    public static final String GROUP = "nsq.nsqj.io";
    public static final String VERSION = "v1alpha1";
}
