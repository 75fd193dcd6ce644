package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects the simulated cluster's tests apply: lookupds and brokers as an operator would run them. */
final class Manifests {
    static final String NAMESPACE = "nsq";

    private Manifests() {
    }

    /** A headless Service selecting the pods labelled app=name. */
    static ServiceBuilder headlessService(String name) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(Map.of("app", name))
                .addNewPort().withName("tcp").withPort(4160).endPort().endSpec();
    }

    static StatefulSetBuilder lookupds(String name, int replicas) {
        return statefulSet(name, replicas, new ContainerBuilder()
                .withName("nsqlookupd").withImage("nsqio/nsqlookupd:test")
                .withArgs("--tcp-address=0.0.0.0:4160", "--http-address=0.0.0.0:4161",
                        "--broadcast-address=$(POD_IP)")
                .withEnv(podIp())
                .addNewPort().withName("tcp").withContainerPort(4160).endPort()
                .addNewPort().withName("http").withContainerPort(4161).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ping").withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(2).endReadinessProbe());
    }

    /** Brokers keeping their data on a claim from the template "data", mounted at /data. */
    static StatefulSetBuilder brokers(String name, int replicas, String... extraFlags) {
        List<String> args = new ArrayList<>(List.of("--tcp-address=0.0.0.0:4150", "--http-address=0.0.0.0:4151",
                "--data-path=/data", "--broadcast-address=$(POD_IP)"));
        args.addAll(List.of(extraFlags));
        return statefulSet(name, replicas, new ContainerBuilder()
                .withName("nsqd").withImage("nsqio/nsqd:test")
                .withArgs(args)
                .withEnv(podIp())
                .addNewPort().withName("tcp").withContainerPort(4150).endPort()
                .addNewPort().withName("http").withContainerPort(4151).endPort()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ping").withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(2).endReadinessProbe())
                .editSpec()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec()
                .endVolumeClaimTemplate()
                .endSpec();
    }

    private static StatefulSetBuilder statefulSet(String name, int replicas, ContainerBuilder container) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withServiceName(name)
                    .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                        .withNewSpec().withTerminationGracePeriodSeconds(10L).withContainers(container.build()).endSpec()
                    .endTemplate()
                .endSpec();
    }

    private static EnvVar podIp() {
        return new EnvVarBuilder().withName("POD_IP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("status.podIP").endFieldRef().endValueFrom().build();
    }
}
