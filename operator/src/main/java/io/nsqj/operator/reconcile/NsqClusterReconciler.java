package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqClusterStatus;
import io.nsqj.operator.model.NsqTopic;
import io.nsqj.operator.model.ScaleDownStatus;
import io.nsqj.operator.resources.AdminDeployment;
import io.nsqj.operator.resources.ClusterLabels;
import io.nsqj.operator.resources.ClusterNames;
import io.nsqj.operator.resources.ClusterServices;
import io.nsqj.operator.resources.DisruptionBudgets;
import io.nsqj.operator.resources.InvalidSpecException;
import io.nsqj.operator.resources.LookupdStatefulSet;
import io.nsqj.operator.resources.NsqdStatefulSet;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sequences an NsqCluster: lookupd first (Services, StatefulSet, budget), then nsqd; opens each new nsqd
 * pod's readiness gate once the cluster's topics are on it; scales nsqd down only through a drain
 * ({@link NsqdScaleDown}); grows claims; reports all of it in status conditions and events.
 */
@ControllerConfiguration(name = "nsqcluster")
public class NsqClusterReconciler implements Reconciler<NsqCluster>, Cleaner<NsqCluster> {
    private static final Logger LOG = Logger.getLogger(NsqClusterReconciler.class);

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;

    private final NsqdScaleDown scaleDown = new NsqdScaleDown();

    @Override
    public List<EventSource<?, NsqCluster>> prepareEventSources(EventSourceContext<NsqCluster> context) {
        var statefulSets = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(StatefulSet.class, NsqCluster.class)
                .withLabelSelector(ClusterLabels.CLUSTER)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(NsqCluster.class, false))
                .build(), context);
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Pod.class, NsqCluster.class)
                .withLabelSelector(ClusterLabels.CLUSTER)
                .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                        pod.getMetadata().getLabels().get(ClusterLabels.CLUSTER), pod.getMetadata().getNamespace())))
                .build(), context);
        return List.of(statefulSets, pods);
    }

    @Override
    public UpdateControl<NsqCluster> reconcile(NsqCluster cluster, Context<NsqCluster> context) {
        String namespace = cluster.getMetadata().getNamespace();
        String before = StatusWriter.snapshot(cluster);
        NsqClusterStatus status = cluster.getStatus() == null ? new NsqClusterStatus() : cluster.getStatus();
        cluster.setStatus(status);
        Long generation = cluster.getMetadata().getGeneration();
        List<String> progress = new ArrayList<>();

        ClusterNames names;
        StatefulSet lookupdSet;
        try {
            names = ClusterNames.of(cluster.getMetadata().getName(), namespace, config.clusterDomain());
            lookupdSet = LookupdStatefulSet.desired(cluster, names);
            // built here only to refuse bad args before anything changes; its replicas are decided below
            NsqdStatefulSet.desired(cluster, names, 0);
        } catch (InvalidSpecException e) {
            Conditions.set(status.getConditions(), Conditions.ERROR, true, "InvalidSpec", e.getMessage(), generation);
            Conditions.set(status.getConditions(), Conditions.READY, false, "InvalidSpec", e.getMessage(), generation);
            EventRecorder.record(client, cluster, EventRecorder.WARNING, "InvalidSpec", e.getMessage());
            StatusWriter.writeIfChanged(client, cluster, before);
            return UpdateControl.noUpdate();
        }

        OwnedResources.apply(client, cluster, ClusterServices.lookupdHeadless(names));
        lookupdSet = OwnedResources.apply(client, cluster, lookupdSet);
        OwnedResources.apply(client, cluster, DisruptionBudgets.lookupd(names));
        OwnedResources.apply(client, cluster, ClusterServices.nsqdHeadless(names));
        OwnedResources.apply(client, cluster, ClusterServices.nsqdClient(names));
        OwnedResources.apply(client, cluster, DisruptionBudgets.nsqd(names));
        applyAdmin(cluster, names, status);

        List<Pod> nsqdPods = ClusterPods.nsqd(client, namespace, names.cluster());
        List<Pod> lookupdPods = ClusterPods.lookupd(client, namespace, names.cluster());
        StatefulSet existingNsqd = client.apps().statefulSets().inNamespace(namespace).withName(names.nsqd()).get();
        int wanted = cluster.getSpec().getNsqd().getReplicas();
        int current = existingNsqd == null ? wanted : existingNsqd.getSpec().getReplicas();
        NsqdScaleDown.Step step = scaleDown.step(client, cluster, names, current, wanted, nsqdPods, lookupdPods,
                status.getScaleDown());
        status.setScaleDown(step.status());
        if (step.status() != null) {
            progress.add("draining " + step.status().getPod() + " (" + step.status().getPhase() + ", "
                    + step.status().getRemaining() + " messages left)");
        }
        StatefulSet nsqdSet = OwnedResources.apply(client, cluster, NsqdStatefulSet.desired(cluster, names, step.replicas()));

        openReadinessGates(cluster, nsqdPods, progress);

        List<String> storage = StorageExpansion.apply(client, cluster, names, step.replicas());
        var lastError = Conditions.find(status.getConditions(), Conditions.ERROR);
        if (!storage.isEmpty() && (lastError == null || !String.join("; ", storage).equals(lastError.getMessage()))) {
            storage.forEach(refused -> EventRecorder.record(client, cluster, EventRecorder.WARNING, "StorageNotExpanded", refused));
        }

        int nsqdReady = readyReplicas(nsqdSet);
        int lookupdReady = readyReplicas(lookupdSet);
        status.getNsqd().setReplicas((int) nsqdPods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).count());
        status.getNsqd().setReadyReplicas(nsqdReady);
        status.getNsqd().setSelector(ClusterLabels.selectorString(names.cluster(), ClusterLabels.NSQD));
        status.getLookupd().setReplicas(lookupdPods.size());
        status.getLookupd().setReadyReplicas(lookupdReady);
        status.setLookupdHttpAddress(names.lookupdHttpAddress());
        status.setNsqdTcpAddress(names.nsqdTcpAddress());
        if (lookupdReady < cluster.getSpec().getLookupd().getReplicas()) {
            progress.add("lookupd " + lookupdReady + "/" + cluster.getSpec().getLookupd().getReplicas() + " ready");
        }
        if (nsqdReady < wanted || step.replicas() != wanted || !rolledOut(nsqdSet)) {
            progress.add("nsqd " + nsqdReady + "/" + wanted + " ready");
        }

        boolean steady = progress.isEmpty();
        String summary = steady ? "lookupd " + lookupdReady + ", nsqd " + nsqdReady + " ready" : String.join("; ", progress);
        Conditions.set(status.getConditions(), Conditions.READY, steady, steady ? "ClusterReady" : "InProgress", summary, generation);
        Conditions.set(status.getConditions(), Conditions.RECONCILING, !steady,
                steady ? "Steady" : reconcilingReason(step), summary, generation);
        Conditions.set(status.getConditions(), Conditions.ERROR, !storage.isEmpty(),
                storage.isEmpty() ? "NoError" : "StorageNotExpanded",
                storage.isEmpty() ? "" : String.join("; ", storage), generation);
        status.setObservedGeneration(generation);
        StatusWriter.writeIfChanged(client, cluster, before);
        return UpdateControl.<NsqCluster>noUpdate().rescheduleAfter(steady ? config.steadyResync() : config.busyResync());
    }

    /** The admin UI exists exactly while the spec enables it. */
    private void applyAdmin(NsqCluster cluster, ClusterNames names, NsqClusterStatus status) {
        if (cluster.getSpec().getAdmin() != null && cluster.getSpec().getAdmin().isEnabled()) {
            OwnedResources.apply(client, cluster, ClusterServices.admin(names));
            OwnedResources.apply(client, cluster, AdminDeployment.desired(cluster, names));
            status.setAdminHttpAddress(names.adminHttpAddress());
        } else if (status.getAdminHttpAddress() != null) {
            client.apps().deployments().inNamespace(names.namespace()).withName(names.admin()).delete();
            client.services().inNamespace(names.namespace()).withName(names.admin()).delete();
            status.setAdminHttpAddress(null);
        }
    }

    /** Gives every new nsqd pod the cluster's topics, then opens its gate so it becomes Ready. */
    private void openReadinessGates(NsqCluster cluster, List<Pod> nsqdPods, List<String> progress) {
        List<NsqTopic> topics = null;
        for (Pod pod : nsqdPods) {
            if (TopicsReadyGate.isOpen(pod) || !ClusterPods.containersReady(pod)) {
                continue;
            }
            if (topics == null) {
                topics = client.resources(NsqTopic.class).inNamespace(cluster.getMetadata().getNamespace()).list()
                        .getItems().stream()
                        .filter(t -> t.getSpec() != null && cluster.getMetadata().getName().equals(t.getSpec().getCluster()))
                        .filter(t -> t.getMetadata().getDeletionTimestamp() == null)
                        .toList();
            }
            try {
                TopicProvisioner.ensureAll(ClusterPods.nsqdAdmin(pod), topics);
                if (TopicsReadyGate.open(client, pod, topics.size() + " topics created")) {
                    LOG.infof("%s: %d topics created, readiness gate open", pod.getMetadata().getName(), topics.size());
                } else {
                    progress.add(pod.getMetadata().getName() + ": readiness gate not yet open");
                }
            } catch (RuntimeException e) {
                progress.add(pod.getMetadata().getName() + ": topics not created yet: " + e.getMessage());
            }
        }
    }

    /** Why the cluster is not steady: a drain, a move off a pod after the drain timeout, or pods on their way. */
    private static String reconcilingReason(NsqdScaleDown.Step step) {
        if (step.status() == null) {
            return "InProgress";
        }
        return NsqdScaleDown.MOVING.equals(step.status().getPhase()) ? "MovingMessages" : "Draining";
    }

    private static int readyReplicas(StatefulSet set) {
        return set.getStatus() == null || set.getStatus().getReadyReplicas() == null ? 0 : set.getStatus().getReadyReplicas();
    }

    private static boolean rolledOut(StatefulSet set) {
        var s = set.getStatus();
        return s != null && (s.getUpdateRevision() == null || s.getUpdateRevision().equals(s.getCurrentRevision()));
    }

    @Override
    public ErrorStatusUpdateControl<NsqCluster> updateErrorStatus(NsqCluster cluster, Context<NsqCluster> context,
                                                                   Exception e) {
        String before = StatusWriter.snapshot(cluster);
        NsqClusterStatus status = cluster.getStatus() == null ? new NsqClusterStatus() : cluster.getStatus();
        cluster.setStatus(status);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        Conditions.set(status.getConditions(), Conditions.ERROR, true, "ReconcileFailed", message,
                cluster.getMetadata().getGeneration());
        Conditions.set(status.getConditions(), Conditions.READY, false, "ReconcileFailed", message,
                cluster.getMetadata().getGeneration());
        StatusWriter.writeIfChanged(client, cluster, before);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /**
     * The objects it made go with it through their owner references; this stops the moves under way. The
     * StatefulSet's claim retention policy keeps the volumes unless {@code storage.deleteClaims}.
     */
    @Override
    public DeleteControl cleanup(NsqCluster cluster, Context<NsqCluster> context) {
        scaleDown.forget(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }
}
