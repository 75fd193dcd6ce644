package io.nsqj.operator.model;

/** Pods of one StatefulSet: how many there are, how many are ready. */
public class ReplicaStatus {
    private int replicas;
    private int readyReplicas;

    public int getReplicas() { return replicas; }
    public void setReplicas(int replicas) { this.replicas = replicas; }
    public int getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(int readyReplicas) { this.readyReplicas = readyReplicas; }
}
