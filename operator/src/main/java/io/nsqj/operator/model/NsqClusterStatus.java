package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed: conditions Ready / Reconciling / Error, replica counts, addresses, a scale-down. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NsqClusterStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    private NsqdStatus nsqd = new NsqdStatus();
    private ReplicaStatus lookupd = new ReplicaStatus();
    @JsonPropertyDescription("what consumers use: the lookupd headless Service's HTTP address")
    private String lookupdHttpAddress;
    @JsonPropertyDescription("what producers use: the nsqd client Service's TCP address")
    private String nsqdTcpAddress;
    @JsonPropertyDescription("the admin UI's Service address, when spec.admin.enabled")
    private String adminHttpAddress;
    @JsonPropertyDescription("the pod being drained before a scale-down, while there is one")
    private ScaleDownStatus scaleDown;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public NsqdStatus getNsqd() { return nsqd; }
    public void setNsqd(NsqdStatus nsqd) { this.nsqd = nsqd; }
    public ReplicaStatus getLookupd() { return lookupd; }
    public void setLookupd(ReplicaStatus lookupd) { this.lookupd = lookupd; }
    public String getLookupdHttpAddress() { return lookupdHttpAddress; }
    public void setLookupdHttpAddress(String lookupdHttpAddress) { this.lookupdHttpAddress = lookupdHttpAddress; }
    public String getNsqdTcpAddress() { return nsqdTcpAddress; }
    public void setNsqdTcpAddress(String nsqdTcpAddress) { this.nsqdTcpAddress = nsqdTcpAddress; }
    public String getAdminHttpAddress() { return adminHttpAddress; }
    public void setAdminHttpAddress(String adminHttpAddress) { this.adminHttpAddress = adminHttpAddress; }
    public ScaleDownStatus getScaleDown() { return scaleDown; }
    public void setScaleDown(ScaleDownStatus scaleDown) { this.scaleDown = scaleDown; }
}
