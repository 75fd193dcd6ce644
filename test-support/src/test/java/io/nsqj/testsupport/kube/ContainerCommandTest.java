package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.nsqj.testsupport.PackagedDaemon;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerCommandTest {
    private static final String POD_IP = "127.0.0.7";
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("nsqd-1").withNamespace("nsq")
            .withUid("u-1").endMetadata().withNewSpec().withHostname("nsqd-1").withNodeName("node").endSpec().build();

    private static ContainerCommand command(Container container, Map<String, Path> mounts) throws ContainerWaiting {
        return ContainerCommand.of(null, POD, container, POD_IP, "127.0.0.1", mounts);
    }

    private static ContainerBuilder container(String image, String... args) {
        return new ContainerBuilder().withName("c").withImage(image).withArgs(args);
    }

    @Test
    void theImagePicksThePackagedDaemon() throws ContainerWaiting {
        assertEquals(PackagedDaemon.LOOKUPD, command(container("ghcr.io/x/nsqlookupd:1").build(), Map.of()).daemon());
        assertEquals(PackagedDaemon.BROKER, command(container("ghcr.io/x/nsqd:1").build(), Map.of()).daemon());
        assertEquals(PackagedDaemon.BROKER, command(container("nsq-broker").build(), Map.of()).daemon());
        assertEquals("InvalidImageName", assertThrows(ContainerWaiting.class,
                () -> command(container("busybox").build(), Map.of())).reason());
    }

    @Test
    void everyInterfaceBecomesThePodsAddress() throws ContainerWaiting {
        List<String> flags = command(container("nsqd", "--tcp-address=0.0.0.0:4150", "-http-address", ":4151",
                "--https-address=[::]:4152").build(), Map.of()).flags();
        assertEquals(List.of("--tcp-address=127.0.0.7:4150", "-http-address", "127.0.0.7:4151",
                "--https-address=127.0.0.7:4152"), flags);
    }

    @Test
    void aListenFlagLeftOutIsAddedAtThePodsAddressWithTheDefaultPort() throws ContainerWaiting {
        List<String> flags = command(container("nsqlookupd", "--tcp-address=0.0.0.0:5000").build(), Map.of()).flags();
        assertEquals(List.of("--tcp-address=127.0.0.7:5000", "--http-address=127.0.0.7:4161"), flags);
    }

    @Test
    void aValueAtOrUnderAMountPathMovesToTheDirectoryBehindIt() throws ContainerWaiting {
        Map<String, Path> mounts = Map.of("/data", Path.of("/w/nsq/data-nsqd-1"), "/etc/tls/", Path.of("/w/tls"),
                "/etc/tls/ca", Path.of("/w/ca"));
        List<String> flags = command(container("nsqd", "--data-path=/data", "--tls-cert=/etc/tls/tls.crt",
                "--tls-root-ca-file=/etc/tls/ca/ca.crt", "--other=/database", "/data/x").build(), mounts).flags();
        assertEquals(List.of("--data-path=/w/nsq/data-nsqd-1", "--tls-cert=/w/tls/tls.crt",
                "--tls-root-ca-file=/w/ca/ca.crt", "--other=/database", "/w/nsq/data-nsqd-1/x"), flags.subList(0, 5));
    }

    @Test
    void argsExpandTheContainersEnvironment() throws ContainerWaiting {
        Container c = container("nsqd", "--broadcast-address=$(POD_NAME).nsqd.$(POD_NAMESPACE).svc", "--ip=$(POD_IP)",
                "--node=$(NODE)", "--greeting=$(GREETING)")
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef("v1", "metadata.name")
                .endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef("v1", "metadata.namespace")
                .endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef("v1", "status.podIP")
                .endValueFrom().endEnv()
                .addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef("v1", "spec.nodeName")
                .endValueFrom().endEnv()
                .addNewEnv().withName("GREETING").withValue("hello $(POD_NAME)").endEnv()
                .build();
        ContainerCommand command = command(c, Map.of());
        assertEquals(List.of("--broadcast-address=nsqd-1.nsqd.nsq.svc", "--ip=127.0.0.7", "--node=node",
                "--greeting=hello nsqd-1"), command.flags().subList(0, 4));
        assertEquals("127.0.0.7", command.environment().get("POD_IP"));
        assertEquals("nsqd-1", command.environment().get("HOSTNAME"));
        assertTrue(command.environment().keySet().stream().noneMatch(k -> k.equals("JAVA_TOOL_OPTIONS")));
    }
}
