package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** At most one pod of a component away at a time through voluntary disruptions (node drains). */
public final class DisruptionBudgets {
    private DisruptionBudgets() {
    }

    public static PodDisruptionBudget nsqd(ClusterNames names) {
        return budget(names, names.nsqd(), ClusterLabels.NSQD);
    }

    public static PodDisruptionBudget lookupd(ClusterNames names) {
        return budget(names, names.lookupd(), ClusterLabels.LOOKUPD);
    }

    private static PodDisruptionBudget budget(ClusterNames names, String name, String component) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(names.namespace())
                    .withLabels(ClusterLabels.of(names.cluster(), component))
                .endMetadata()
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(ClusterLabels.selector(names.cluster(), component)).endSelector()
                .endSpec()
                .build();
    }
}
