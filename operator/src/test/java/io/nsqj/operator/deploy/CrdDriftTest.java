package io.nsqj.operator.deploy;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.nsqj.operator.model.NsqCluster;
import io.nsqj.operator.model.NsqTopic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** crds/ holds what the model generates: deploy/ installs those files, and the operator reads the model. */
class CrdDriftTest {
    private static final String REFRESH = "refresh the committed copies from a build:"
            + " ./mvnw -pl operator package -DskipTests && cp operator/target/kubernetes/nsq*.yml crds/";

    @Test
    void theCommittedCrdsAreTheOnesTheModelGenerates() throws IOException {
        // generated here, as QOSDK does at package time, because surefire runs before the Quarkus build
        Path out = DeployFiles.generatedCrds().getParent().resolve("crds-from-model");
        Files.createDirectories(out);
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1")
                .customResourceClasses(NsqCluster.class, NsqTopic.class).generate();
        assertSameFiles(out);
    }

    @Test
    void theCrdsKustomizationListsEveryCommittedCrd() {
        List<String> listed = new ArrayList<>();
        DeployFiles.documents(DeployFiles.crds().resolve("kustomization.yaml")).get(0).path("resources")
                .forEach(r -> listed.add(r.asText()));
        assertEquals(names(crdFiles(DeployFiles.crds())), listed.stream().sorted().toList(),
                "crds/kustomization.yaml must list exactly the CRD files in crds/");
    }

    private static void assertSameFiles(Path generated) {
        List<Path> made = crdFiles(generated);
        assertEquals(names(made), names(crdFiles(DeployFiles.crds())),
                "the CRDs the model generates and those in crds/ differ; " + REFRESH);
        for (Path file : made) {
            String expected = DeployFiles.read(file);
            String committed = DeployFiles.read(DeployFiles.crds().resolve(file.getFileName()));
            if (!expected.equals(committed)) {
                fail("crds/" + file.getFileName() + " is not what the model generates (" + file + "), "
                        + firstDifference(expected, committed) + "; " + REFRESH);
            }
        }
    }

    private static String firstDifference(String generated, String committed) {
        String[] a = generated.split("\n", -1);
        String[] b = committed.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of file>";
            String y = i < b.length ? b[i] : "<end of file>";
            if (!x.equals(y)) {
                return "first at line " + (i + 1) + ": generated [" + x.strip() + "], committed [" + y.strip() + "]";
            }
        }
        return "they differ";
    }

    private static List<Path> crdFiles(Path dir) {
        return DeployFiles.files(dir, n -> n.startsWith("nsq") && n.endsWith(".yml"));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).sorted().toList();
    }
}
