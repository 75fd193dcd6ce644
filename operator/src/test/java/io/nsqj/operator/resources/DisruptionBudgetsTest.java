package io.nsqj.operator.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisruptionBudgetsTest {
    private final ClusterNames names = DemoCluster.names();

    @Test
    void atMostOneNsqdPodIsAwayAtATime() {
        PodDisruptionBudget expected = new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("demo-nsqd").withNamespace("shop")
                    .withLabels(ClusterLabels.of("demo", "nsqd")).endMetadata()
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(ClusterLabels.selector("demo", "nsqd")).endSelector()
                .endSpec()
                .build();
        assertEquals(expected, DisruptionBudgets.nsqd(names));
    }

    @Test
    void atMostOneLookupdPodIsAwayAtATime() {
        PodDisruptionBudget budget = DisruptionBudgets.lookupd(names);
        assertEquals("demo-lookupd", budget.getMetadata().getName());
        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable());
    }

    @Test
    void eachBudgetCoversExactlyItsStatefulSetsPods() {
        assertEquals(NsqdStatefulSet.desired(DemoCluster.demo(), names, 3).getSpec().getSelector(),
                DisruptionBudgets.nsqd(names).getSpec().getSelector());
        assertEquals(LookupdStatefulSet.desired(DemoCluster.demo(), names).getSpec().getSelector(),
                DisruptionBudgets.lookupd(names).getSpec().getSelector());
    }

    @Test
    void theSameNamesGiveEqualBudgets() {
        assertEquals(DisruptionBudgets.nsqd(names), DisruptionBudgets.nsqd(DemoCluster.names()));
    }
}
