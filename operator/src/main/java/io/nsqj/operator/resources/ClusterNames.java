package io.nsqj.operator.resources;

/**
 * Names of what a cluster is made of, and the DNS names inside the cluster that brokers and clients use.
 * The operator itself never relies on cluster DNS: it reaches pods by their IP.
 */
public record ClusterNames(String cluster, String namespace, String clusterDomain) {
    /**
     * A Service name is a DNS-1035 label of at most 63 characters ({@code <name>-nsqd-client}), and a
     * StatefulSet's at most 52 so its pods' revision label fits ({@code <name>-lookupd}): 44 leaves room for both.
     */
    static final int MAX_CLUSTER_NAME = 44;
    private static final java.util.regex.Pattern DNS_1035 = java.util.regex.Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    public static final int NSQD_TCP_PORT = 4150;
    public static final int NSQD_HTTP_PORT = 4151;
    public static final int NSQD_HTTPS_PORT = 4152;
    public static final int LOOKUPD_TCP_PORT = 4160;
    public static final int LOOKUPD_HTTP_PORT = 4161;
    public static final int ADMIN_HTTP_PORT = 4171;

    /** The names for a cluster; throws when the objects it needs could not be named after it. */
    public static ClusterNames of(String cluster, String namespace, String clusterDomain) {
        if (cluster.length() > MAX_CLUSTER_NAME || !DNS_1035.matcher(cluster).matches()) {
            throw new InvalidSpecException("the NsqCluster's name must be at most " + MAX_CLUSTER_NAME
                    + " characters of [a-z0-9-], starting with a letter, to name its Services and StatefulSets");
        }
        return new ClusterNames(cluster, namespace, clusterDomain);
    }

    public String lookupd() {
        return cluster + "-lookupd";
    }

    /** The nsqd StatefulSet and its headless Service, which gives every pod its DNS name. */
    public String nsqd() {
        return cluster + "-nsqd";
    }

    /** The Service producers publish through: ready nsqd pods that are not being drained. */
    public String nsqdClient() {
        return cluster + "-nsqd-client";
    }

    public String nsqdPod(int ordinal) {
        return nsqd() + "-" + ordinal;
    }

    /** The admin UI's Deployment and Service. */
    public String admin() {
        return cluster + "-admin";
    }

    /** Where users open the admin UI, as the status reports it. */
    public String adminHttpAddress() {
        return admin() + "." + namespace + ".svc:" + ADMIN_HTTP_PORT;
    }

    /** The lookupd headless Service's name: one DNS name resolving to every lookupd pod. */
    public String lookupdHost() {
        return lookupd() + "." + namespace + ".svc." + clusterDomain;
    }

    /** What nsqd passes as --broadcast-address, with the pod's name left for the kubelet to fill in. */
    public String nsqdBroadcastHost() {
        return "$(POD_NAME)." + nsqd() + "." + namespace + ".svc." + clusterDomain;
    }

    public String lookupdBroadcastHost() {
        return "$(POD_NAME)." + lookupd() + "." + namespace + ".svc." + clusterDomain;
    }

    /** What consumers use, as the status reports it. */
    public String lookupdHttpAddress() {
        return lookupd() + "." + namespace + ".svc:" + LOOKUPD_HTTP_PORT;
    }

    /** What producers use, as the status reports it. */
    public String nsqdTcpAddress() {
        return nsqdClient() + "." + namespace + ".svc:" + NSQD_TCP_PORT;
    }
}
