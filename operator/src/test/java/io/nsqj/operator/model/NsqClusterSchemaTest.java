package io.nsqj.operator.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.nsqj.operator.model.NsqTopicSchemaTest.assertAccepted;
import static io.nsqj.operator.model.NsqTopicSchemaTest.assertRejectedAt;

/** What the API server accepts as an NsqCluster, by the committed CRD in crds/. */
class NsqClusterSchemaTest {
    private static final CrdSchema SCHEMA = CrdSchema.forKind("NsqCluster");

    private static List<String> violations(String spec) {
        return SCHEMA.violations(CrdSchema.yaml("""
                apiVersion: nsq.nsqj.io/v1alpha1
                kind: NsqCluster
                metadata:
                  name: demo
                spec:
                """ + spec.indent(2)));
    }

    @Test
    void anEmptySpecIsAccepted() {
        assertAccepted(violations("{}"));
    }

    @Test
    void everySettingTogetherIsAccepted() {
        assertAccepted(violations("""
                lookupd:
                  replicas: 3
                  args: ["--tombstone-lifetime=45s"]
                  resources: {requests: {cpu: 100m, memory: 128Mi}}
                nsqd:
                  replicas: 5
                  storage: {size: 50Gi, storageClassName: fast, deleteClaims: true}
                  args: ["--mem-queue-size=10000"]
                  resources: {requests: {cpu: 2, memory: 2Gi}, limits: {memory: 4Gi}}
                  drainTimeout: 1m30s
                admin: {enabled: false}
                images: {broker: "registry.local/nsqd:1", lookupd: "registry.local/nsqlookupd:1", pullPolicy: Always}
                tls: {secretName: nsq-tls, clientAuthPolicy: require-verify}
                pod:
                  labels: {team: payments}
                  annotations: {example.com/owner: payments}
                  nodeSelector: {disktype: ssd}
                  tolerations: [{key: dedicated, operator: Equal, value: nsq, effect: NoSchedule}]
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                        - weight: 100
                          podAffinityTerm:
                            topologyKey: kubernetes.io/hostname
                            labelSelector: {matchLabels: {app.kubernetes.io/component: nsqd}}
                """));
    }

    @Test
    void negativeNsqdReplicasAreRejected() {
        assertRejectedAt("spec.nsqd.replicas", violations("nsqd: {replicas: -1}"));
    }

    @Test
    void zeroNsqdReplicasAreAccepted() {
        assertAccepted(violations("nsqd: {replicas: 0}"));
    }

    @Test
    void zeroLookupdReplicasAreRejected() {
        assertRejectedAt("spec.lookupd.replicas", violations("lookupd: {replicas: 0}"));
    }

    @Test
    void replicasWrittenAsAStringAreRejected() {
        assertRejectedAt("spec.nsqd.replicas", violations("nsqd: {replicas: \"3\"}"));
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertRejectedAt("spec.nsqd.replica", violations("nsqd: {replica: 3}"));
    }

    @Test
    void anUnknownTopLevelSectionIsRejected() {
        assertRejectedAt("spec.nsqadmin", violations("nsqadmin: {enabled: true}"));
    }

    @Test
    void aStorageSizeThatIsNotAQuantityIsRejected() {
        assertRejectedAt("spec.nsqd.storage.size", violations("nsqd: {storage: {size: 10GB}}"));
    }

    @Test
    void aDrainTimeoutThatIsNotAGoDurationIsRejected() {
        assertRejectedAt("spec.nsqd.drainTimeout", violations("nsqd: {drainTimeout: 5 minutes}"));
    }

    @Test
    void resourceQuantitiesAreIntegersOrStrings() {
        assertAccepted(violations("nsqd: {resources: {requests: {cpu: 1, memory: 1Gi}}}"));
        assertRejectedAt("spec.nsqd.resources.requests.cpu", violations("nsqd: {resources: {requests: {cpu: [1]}}}"));
    }

    @Test
    void tlsWithoutASecretIsRejected() {
        assertRejectedAt("spec.tls.secretName", violations("tls: {clientAuthPolicy: require}"));
    }

    @Test
    void podLabelValuesAreStrings() {
        assertRejectedAt("spec.pod.labels.tier", violations("pod: {labels: {tier: {name: a}}}"));
    }

    @Test
    void argsAreAListOfStrings() {
        assertRejectedAt("spec.nsqd.args", violations("nsqd: {args: \"--mem-queue-size=0\"}"));
    }

    @Test
    void aNameThatIsNotADnsSubdomainIsRejected() {
        assertRejectedAt("metadata.name", SCHEMA.violations(CrdSchema.yaml("""
                apiVersion: nsq.nsqj.io/v1alpha1
                kind: NsqCluster
                metadata: {name: Demo_1}
                spec: {}
                """)));
    }
}
