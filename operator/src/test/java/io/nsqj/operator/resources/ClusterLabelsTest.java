package io.nsqj.operator.resources;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterLabelsTest {

    @Test
    void theSelectorNamesAppInstanceComponentAndCluster() {
        assertEquals(Map.of(
                "app.kubernetes.io/name", "nsq",
                "app.kubernetes.io/instance", "demo",
                "app.kubernetes.io/component", "nsqd",
                "nsq.nsqj.io/cluster", "demo"), ClusterLabels.selector("demo", ClusterLabels.NSQD));
    }

    @Test
    void objectsCarryTheSelectorAndWhoManagesThem() {
        Map<String, String> expected = new LinkedHashMap<>(ClusterLabels.selector("demo", ClusterLabels.LOOKUPD));
        expected.put("app.kubernetes.io/managed-by", "nsq-operator");
        expected.put("app.kubernetes.io/part-of", "nsq");
        assertEquals(expected, ClusterLabels.of("demo", ClusterLabels.LOOKUPD));
    }

    @Test
    void theSelectorStringIsWhatKubectlWrites() {
        assertEquals("app.kubernetes.io/name=nsq,app.kubernetes.io/instance=demo,app.kubernetes.io/component=nsqd,"
                + "nsq.nsqj.io/cluster=demo", ClusterLabels.selectorString("demo", ClusterLabels.NSQD));
    }

    @Test
    void everyCallGivesAMapOfItsOwn() {
        ClusterLabels.selector("demo", ClusterLabels.NSQD).put(ClusterLabels.PUBLISH, "true");
        assertEquals(4, ClusterLabels.selector("demo", ClusterLabels.NSQD).size());
    }
}
