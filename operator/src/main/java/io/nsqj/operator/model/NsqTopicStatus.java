package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** Where the topic is: the pods that have it with all its channels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NsqTopicStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("the NSQ topic name in use")
    private String topic;
    @JsonPropertyDescription("nsqd pods that have the topic and all its channels")
    private List<String> nodes = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public List<String> getNodes() { return nodes; }
    public void setNodes(List<String> nodes) { this.nodes = nodes; }
}
