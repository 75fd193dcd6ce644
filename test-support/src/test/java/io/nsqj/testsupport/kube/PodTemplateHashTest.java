package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodTemplateHashTest {

    private static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("nsqd").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void theRevisionIsTheSetsNameAndAHashInKubernetesAlphabet() {
        String revision = PodTemplateHash.revision("nsqd", template(Map.of("a", "1"), "nsqd:1"));
        assertTrue(revision.matches("nsqd-[bcdfghjklmnpqrstvwxz2456789]+"), revision);
    }

    @Test
    void keyOrderAndEmptyValuesDoNotMakeANewRevision() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        PodTemplateSpec withEmptyList = template(ba, "nsqd:1");
        withEmptyList.getSpec().setReadinessGates(List.of());
        assertEquals(PodTemplateHash.revision("s", template(ab, "nsqd:1")), PodTemplateHash.revision("s", withEmptyList));
    }

    @Test
    void aChangedTemplateIsANewRevision() {
        assertNotEquals(PodTemplateHash.revision("s", template(Map.of("a", "1"), "nsqd:1")),
                PodTemplateHash.revision("s", template(Map.of("a", "1"), "nsqd:2")));
    }
}
