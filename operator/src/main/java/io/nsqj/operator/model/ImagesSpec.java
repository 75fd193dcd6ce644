package io.nsqj.operator.model;

/** Container images; the defaults are the ones deploy/ builds, overridable there with kustomize's images:. */
public class ImagesSpec {
    public static final String DEFAULT_BROKER = "ghcr.io/nsqj/nsq-broker:0.1.0";
    public static final String DEFAULT_LOOKUPD = "ghcr.io/nsqj/nsq-lookupd:0.1.0";
    public static final String DEFAULT_ADMIN = "ghcr.io/nsqj/nsq-admin:0.1.0";

    private String broker = DEFAULT_BROKER;
    private String lookupd = DEFAULT_LOOKUPD;
    private String admin = DEFAULT_ADMIN;
    private String pullPolicy = "IfNotPresent";

    public String getBroker() { return broker; }
    public void setBroker(String broker) { this.broker = broker; }
    public String getLookupd() { return lookupd; }
    public void setLookupd(String lookupd) { this.lookupd = lookupd; }
    public String getAdmin() { return admin; }
    public void setAdmin(String admin) { this.admin = admin; }
    public String getPullPolicy() { return pullPolicy; }
    public void setPullPolicy(String pullPolicy) { this.pullPolicy = pullPolicy; }
}
