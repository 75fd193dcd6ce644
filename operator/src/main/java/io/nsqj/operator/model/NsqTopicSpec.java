package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** A topic of a cluster, its channels, whether it is paused, and what deleting the resource does. */
public class NsqTopicSpec {
    /** NSQ's name rule (protocol's NameValidation): 1..64 characters, an optional #ephemeral suffix included. */
    public static final String NAME_PATTERN = "^[.a-zA-Z0-9_-]+(#ephemeral)?$";

    @Required
    @JsonPropertyDescription("the NsqCluster, in this namespace")
    private String cluster;
    @Pattern(NAME_PATTERN)
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("the NSQ topic name; metadata.name when empty")
    private String topic;
    @JsonPropertyDescription("channels created with the topic on every pod (channels made by consumers are left alone)")
    @ValidationRule(value = "self.all(c, size(c) <= 64 && c.matches('" + NAME_PATTERN + "'))",
            message = "a channel name is 1..64 characters of [.a-zA-Z0-9_-], with an optional #ephemeral suffix")
    private List<String> channels = new ArrayList<>();
    @JsonPropertyDescription("pause the topic on every pod")
    private boolean paused;
    @JsonPropertyDescription("Delete (default): deleting this resource deletes the topic on every pod; Retain keeps it")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public List<String> getChannels() { return channels; }
    public void setChannels(List<String> channels) { this.channels = channels; }
    public boolean isPaused() { return paused; }
    public void setPaused(boolean paused) { this.paused = paused; }
    public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
    public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }
}
