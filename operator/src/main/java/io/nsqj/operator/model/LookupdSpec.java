package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.List;

/** The lookupd StatefulSet. */
public class LookupdSpec {
    @Min(1)
    @JsonPropertyDescription("how many nsqlookupd pods; every broker registers with all of them")
    private int replicas = 2;
    @JsonPropertyDescription("extra nsqlookupd flags, as NSQ users type them, e.g. --tombstone-lifetime=45s")
    private List<String> args = new ArrayList<>();
    private ResourceRequirements resources;

    public int getReplicas() { return replicas; }
    public void setReplicas(int replicas) { this.replicas = replicas; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
}
