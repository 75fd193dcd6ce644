package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

import java.util.ArrayList;
import java.util.List;

/** The nsqd StatefulSet. */
public class NsqdSpec {
    @SpecReplicas
    @Min(0)
    @JsonPropertyDescription("how many nsqd pods; lowering it drains the removed pods first")
    private int replicas = 3;
    private StorageSpec storage = new StorageSpec();
    @JsonPropertyDescription("nsqd flags, as NSQ users type them: [\"--mem-queue-size=10000\", \"--msg-timeout=60s\"]")
    private List<String> args = new ArrayList<>();
    private ResourceRequirements resources;
    @Pattern("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")
    @JsonPropertyDescription("how long a pod being scaled away may take to drain before what is left is moved"
            + " to the remaining pods (a Go duration)")
    private String drainTimeout = "5m";

    public int getReplicas() { return replicas; }
    public void setReplicas(int replicas) { this.replicas = replicas; }
    public StorageSpec getStorage() { return storage; }
    public void setStorage(StorageSpec storage) { this.storage = storage; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public String getDrainTimeout() { return drainTimeout; }
    public void setDrainTimeout(String drainTimeout) { this.drainTimeout = drainTimeout; }
}
