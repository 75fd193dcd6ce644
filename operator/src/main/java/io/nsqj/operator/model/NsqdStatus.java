package io.nsqj.operator.model;

import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/** The nsqd pods, with what the scale subresource reports. */
public class NsqdStatus {
    @StatusReplicas
    private int replicas;
    private int readyReplicas;
    @LabelSelector
    private String selector;

    public int getReplicas() { return replicas; }
    public void setReplicas(int replicas) { this.replicas = replicas; }
    public int getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(int readyReplicas) { this.readyReplicas = readyReplicas; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
}
