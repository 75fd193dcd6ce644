package io.nsqj.operator.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels that tie every object to its NsqCluster and component; selectors use a stable subset. */
public final class ClusterLabels {
    public static final String CLUSTER = "nsq.nsqj.io/cluster";
    public static final String COMPONENT = "app.kubernetes.io/component";
    /**
     * "true" on nsqd pods that take producers' traffic; the client Service selects it, and the operator sets it
     * to "false" on a pod it drains, so no new message lands there.
     */
    public static final String PUBLISH = "nsq.nsqj.io/publish";
    public static final String NSQD = "nsqd";
    public static final String LOOKUPD = "lookupd";
    public static final String ADMIN = "admin";

    private ClusterLabels() {
    }

    /** What selects a component's pods; never changes for a cluster (StatefulSet selectors are immutable). */
    public static Map<String, String> selector(String cluster, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "nsq");
        labels.put("app.kubernetes.io/instance", cluster);
        labels.put(COMPONENT, component);
        labels.put(CLUSTER, cluster);
        return labels;
    }

    /** The selector's labels, plus who manages the object. */
    public static Map<String, String> of(String cluster, String component) {
        Map<String, String> labels = selector(cluster, component);
        labels.put("app.kubernetes.io/managed-by", "nsq-operator");
        labels.put("app.kubernetes.io/part-of", "nsq");
        return labels;
    }

    /** The label selector as kubectl and the scale subresource write it. */
    public static String selectorString(String cluster, String component) {
        StringBuilder s = new StringBuilder();
        selector(cluster, component).forEach((k, v) -> s.append(s.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return s.toString();
    }
}
