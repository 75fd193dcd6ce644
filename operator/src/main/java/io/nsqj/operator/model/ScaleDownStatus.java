package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The nsqd pod being emptied before the StatefulSet loses it. */
public class ScaleDownStatus {
    private String pod;
    @JsonPropertyDescription("RFC 3339 time the drain began; the drain timeout counts from it")
    private String startedAt;
    @JsonPropertyDescription("Draining (waiting for consumers) or Moving (republishing what is left onto the other pods)")
    private String phase;
    @JsonPropertyDescription("messages still on the pod: queued, in flight and deferred, over all channels")
    private long remaining;

    public String getPod() { return pod; }
    public void setPod(String pod) { this.pod = pod; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public long getRemaining() { return remaining; }
    public void setRemaining(long remaining) { this.remaining = remaining; }
}
