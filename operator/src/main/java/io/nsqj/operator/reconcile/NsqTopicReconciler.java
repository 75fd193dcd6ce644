package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.nsqj.operator.model.DeletionPolicy;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.model.NsqTopicStatus;
import io.nsqj.operator.resources.ClusterLabels;
import io.nsqj.protocol.Names;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps an NsqTopic's topic and channels on every nsqd pod of its cluster, and deletes the topic from all of
 * them when the resource goes (finalizer), unless its deletion policy is Retain. New pods get their topics
 * before they are Ready through the cluster's readiness gate; this reconciler covers pods that were already
 * there when the topic was declared.
 */
@ControllerConfiguration(name = "nsqtopic")
public class NsqTopicReconciler implements Reconciler<NsqTopic>, Cleaner<NsqTopic> {

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;

    @Override
    public List<EventSource<?, NsqTopic>> prepareEventSources(EventSourceContext<NsqTopic> context) {
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Pod.class, NsqTopic.class)
                .withName("nsqd-pods-for-topics")
                .withLabelSelector(ClusterLabels.COMPONENT + "=" + ClusterLabels.NSQD + "," + ClusterLabels.CLUSTER)
                .withSecondaryToPrimaryMapper(pod -> context.getPrimaryCache()
                        .list(pod.getMetadata().getNamespace(), t -> t.getSpec() != null
                                && pod.getMetadata().getLabels().get(ClusterLabels.CLUSTER).equals(t.getSpec().getCluster()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        return List.of(pods);
    }

    @Override
    public UpdateControl<NsqTopic> reconcile(NsqTopic topic, Context<NsqTopic> context) {
        String before = StatusWriter.snapshot(topic);
        NsqTopicStatus status = topic.getStatus() == null ? new NsqTopicStatus() : topic.getStatus();
        topic.setStatus(status);
        Long generation = topic.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setTopic(topic.topicName());

        String invalid = invalidName(topic);
        if (invalid != null) {
            Conditions.set(status.getConditions(), Conditions.ERROR, true, "InvalidName", invalid, generation);
            Conditions.set(status.getConditions(), Conditions.READY, false, "InvalidName", invalid, generation);
            StatusWriter.writeIfChanged(client, topic, before);
            return UpdateControl.noUpdate();
        }
        String namespace = topic.getMetadata().getNamespace();
        NsqCluster cluster = client.resources(NsqCluster.class).inNamespace(namespace)
                .withName(topic.getSpec().getCluster()).get();
        if (cluster == null) {
            String message = "NsqCluster " + topic.getSpec().getCluster() + " not found in " + namespace;
            Conditions.set(status.getConditions(), Conditions.READY, false, "ClusterNotFound", message, generation);
            Conditions.set(status.getConditions(), Conditions.ERROR, true, "ClusterNotFound", message, generation);
            StatusWriter.writeIfChanged(client, topic, before);
            return UpdateControl.<NsqTopic>noUpdate().rescheduleAfter(config.steadyResync());
        }

        List<String> nodes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Pod pod : ClusterPods.nsqd(client, namespace, cluster.getMetadata().getName())) {
            if (!ClusterPods.containersReady(pod)) {
                continue;
            }
            try {
                var admin = ClusterPods.nsqdAdmin(pod);
                var stats = admin.stats();
                TopicProvisioner.ensure(admin, topic, stats);
                // read again only when something had to be created, to see that it now is there
                if (!TopicProvisioner.present(stats, topic)) {
                    stats = admin.stats();
                }
                if (TopicProvisioner.present(stats, topic)) {
                    nodes.add(pod.getMetadata().getName());
                } else {
                    missing.add(pod.getMetadata().getName());
                }
            } catch (RuntimeException e) {
                missing.add(pod.getMetadata().getName() + " (" + e.getMessage() + ")");
            }
        }
        status.setNodes(nodes);
        boolean ready = missing.isEmpty() && !nodes.isEmpty();
        String message = missing.isEmpty()
                ? "on " + nodes.size() + " nsqd pods with " + topic.getSpec().getChannels().size() + " channels"
                : "not yet on " + String.join(", ", missing);
        Conditions.set(status.getConditions(), Conditions.READY, ready, ready ? "TopicReady" : "Provisioning", message, generation);
        Conditions.set(status.getConditions(), Conditions.ERROR, false, "NoError", "", generation);
        StatusWriter.writeIfChanged(client, topic, before);
        return UpdateControl.<NsqTopic>noUpdate().rescheduleAfter(ready ? config.steadyResync() : config.busyResync());
    }

    private static String invalidName(NsqTopic topic) {
        if (!Names.isValidTopicName(topic.topicName())) {
            return "topic name '" + topic.topicName() + "' is not 1..64 characters of [.a-zA-Z0-9_-] (#ephemeral allowed)";
        }
        for (String channel : topic.getSpec().getChannels()) {
            if (!Names.isValidChannelName(channel)) {
                return "channel name '" + channel + "' is not 1..64 characters of [.a-zA-Z0-9_-] (#ephemeral allowed)";
            }
        }
        return null;
    }

    @Override
    public DeleteControl cleanup(NsqTopic topic, Context<NsqTopic> context) {
        if (topic.getSpec() == null || topic.getSpec().getDeletionPolicy() == DeletionPolicy.Retain
                || invalidName(topic) != null) {
            return DeleteControl.defaultDelete();
        }
        List<String> failed = new ArrayList<>();
        for (Pod pod : ClusterPods.nsqd(client, topic.getMetadata().getNamespace(), topic.getSpec().getCluster())) {
            if (!ClusterPods.reachable(pod)) {
                continue;
            }
            try {
                ClusterPods.nsqdAdmin(pod).deleteTopic(topic.topicName());
            } catch (RuntimeException e) {
                failed.add(pod.getMetadata().getName() + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            EventRecorder.record(client, topic, EventRecorder.WARNING, "DeleteFailed",
                    "topic " + topic.topicName() + " not deleted on " + String.join("; ", failed) + "; retrying");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.busyResync().toMillis());
        }
        EventRecorder.record(client, topic, EventRecorder.NORMAL, "TopicDeleted",
                "topic " + topic.topicName() + " deleted on every nsqd pod");
        return DeleteControl.defaultDelete();
    }
}
