package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeletStatusTest {
    private static final String GATE = "example.com/topics-ready";

    private static Pod gatedPod(String gateStatus) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("nsqd-0").endMetadata()
                .withNewSpec().addNewReadinessGate(GATE).addNewContainer().withName("nsqd").withImage("nsqd")
                .endContainer().endSpec();
        if (gateStatus != null) {
            pod.withNewStatus().addNewCondition().withType(GATE).withStatus(gateStatus).withReason("Operator")
                    .endCondition().endStatus();
        }
        return pod.build();
    }

    private static KubeletStatus.Observed running(boolean ready, boolean terminating) {
        Instant now = Instant.now();
        return new KubeletStatus.Observed("127.0.0.2", "127.0.0.1", now, now, ready, true, terminating, null, null,
                0, null, null, null, "simulated://1");
    }

    private static String condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).map(PodCondition::getStatus)
                .findFirst().orElse(null);
    }

    @Test
    void readyWaitsForEveryReadinessGate() {
        PodStatus status = KubeletStatus.merge(gatedPod(null), running(true, false));
        assertEquals("True", condition(status, "ContainersReady"));
        assertEquals("False", condition(status, "Ready"));
        assertEquals("True", condition(KubeletStatus.merge(gatedPod("True"), running(true, false)), "Ready"));
    }

    @Test
    void conditionsOfOthersAreKeptAsTheyAre() {
        PodStatus status = KubeletStatus.merge(gatedPod("True"), running(true, false));
        PodCondition gate = status.getConditions().stream().filter(c -> GATE.equals(c.getType())).findFirst().orElseThrow();
        assertEquals("Operator", gate.getReason());
    }

    @Test
    void aTerminatingPodIsNotReady() {
        PodStatus status = KubeletStatus.merge(gatedPod("True"), running(true, true));
        assertEquals("False", condition(status, "Ready"));
        assertFalse(status.getContainerStatuses().get(0).getReady());
    }

    @Test
    void aRunningPodReportsItsAddressesAndPhase() {
        PodStatus status = KubeletStatus.merge(gatedPod(null), running(false, false));
        assertEquals("Running", status.getPhase());
        assertEquals("127.0.0.2", status.getPodIP());
        assertEquals("127.0.0.1", status.getHostIP());
        assertTrue(status.getContainerStatuses().get(0).getState().getRunning() != null);
    }
}
