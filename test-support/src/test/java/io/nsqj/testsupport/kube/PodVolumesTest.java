package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@EnableKubernetesMockClient(crud = true, https = false)
class PodVolumesTest {
    static KubernetesClient client;
    @TempDir
    Path work;

    private static Pod pod(String uid) {
        return new PodBuilder().withNewMetadata().withName("nsqd-0").withNamespace("nsq").withUid(uid).endMetadata()
                .withNewSpec()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim("data-nsqd-0", false).endVolume()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tls").withNewSecret().withSecretName("nsqd-tls").endSecret().endVolume()
                .endSpec().build();
    }

    private static final Container CONTAINER = new ContainerBuilder().withName("nsqd")
            .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
            .addNewVolumeMount().withName("scratch").withMountPath("/tmp/scratch").endVolumeMount()
            .addNewVolumeMount().withName("tls").withMountPath("/etc/nsq/tls").endVolumeMount()
            .build();

    @Test
    void eachMountIsADirectoryOfThisMachineAndASecretsKeysAreFilesInIt() throws Exception {
        createClaimAndSecret();
        PodVolumes volumes = new PodVolumes(client, new WorkDirectory(work, "nsq"));
        Map<String, Path> mounts = volumes.mount(pod("u-1"), CONTAINER);

        assertEquals(work.resolve("nsq").resolve("data-nsqd-0"), mounts.get("/data"));
        assertEquals("CERT", Files.readString(mounts.get("/etc/nsq/tls").resolve("tls.crt")));
        assertEquals("KEY", Files.readString(mounts.get("/etc/nsq/tls").resolve("tls.key")));
        assertEquals(mounts.get("/data"), volumes.mount(pod("u-2"), CONTAINER).get("/data"));
        assertNotEquals(mounts.get("/tmp/scratch"), volumes.mount(pod("u-2"), CONTAINER).get("/tmp/scratch"));
    }

    @Test
    void aMissingSecretKeepsTheContainerWaiting() throws IOException {
        client.persistentVolumeClaims().inNamespace("nsq").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-nsqd-0").endMetadata().build()).create();
        PodVolumes volumes = new PodVolumes(client, new WorkDirectory(work, "nsq"));
        ContainerWaiting waiting = assertThrows(ContainerWaiting.class, () -> volumes.mount(pod("u-1"), CONTAINER));
        assertEquals("ContainerCreating", waiting.reason());
        assertEquals("secret \"nsqd-tls\" not found", waiting.getMessage());
    }

    private static void createClaimAndSecret() {
        client.persistentVolumeClaims().inNamespace("nsq").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-nsqd-0").endMetadata().build()).createOr(c -> c.update());
        client.secrets().inNamespace("nsq").resource(new SecretBuilder().withNewMetadata().withName("nsqd-tls")
                .endMetadata().withData(Map.of("tls.crt", base64("CERT"))).withStringData(Map.of("tls.key", "KEY"))
                .build()).create();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
