package io.nsqj.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A topic and its channels, kept on every nsqd pod of one NsqCluster. */
@Group(NsqCluster.GROUP)
@Version(NsqCluster.VERSION)
@Kind("NsqTopic")
@Plural("nsqtopics")
@ShortNames("nsqt")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Topic", jsonPath = ".status.topic", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class NsqTopic extends CustomResource<NsqTopicSpec, NsqTopicStatus> implements Namespaced {

    /** The NSQ topic name: the spec's, else the resource's own name. */
    public String topicName() {
        String topic = getSpec() == null ? null : getSpec().getTopic();
        return topic == null || topic.isEmpty() ? getMetadata().getName() : topic;
    }
}
