package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the user declares for a cluster; every part has NSQ's or the operator's defaults. */
public class NsqClusterSpec {
    @JsonPropertyDescription("nsqlookupd: discovery")
    private LookupdSpec lookupd = new LookupdSpec();
    @JsonPropertyDescription("nsqd: the brokers")
    private NsqdSpec nsqd = new NsqdSpec();
    @JsonPropertyDescription("the admin web UI")
    private AdminSpec admin = new AdminSpec();
    @JsonPropertyDescription("container images of broker, lookupd and admin")
    private ImagesSpec images = new ImagesSpec();
    @JsonPropertyDescription("the broker's certificate and key, from a kubernetes.io/tls Secret")
    private TlsSpec tls;
    @JsonPropertyDescription("labels, annotations and scheduling applied to every pod")
    private PodSettings pod = new PodSettings();

    public LookupdSpec getLookupd() { return lookupd; }
    public void setLookupd(LookupdSpec lookupd) { this.lookupd = lookupd; }
    public NsqdSpec getNsqd() { return nsqd; }
    public void setNsqd(NsqdSpec nsqd) { this.nsqd = nsqd; }
    public AdminSpec getAdmin() { return admin; }
    public void setAdmin(AdminSpec admin) { this.admin = admin; }
    public ImagesSpec getImages() { return images; }
    public void setImages(ImagesSpec images) { this.images = images; }
    public TlsSpec getTls() { return tls; }
    public void setTls(TlsSpec tls) { this.tls = tls; }
    public PodSettings getPod() { return pod; }
    public void setPod(PodSettings pod) { this.pod = pod; }
}
