package io.nsqj.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The repository's deploy/ and crds/ folders, as surefire points at them, and their YAML documents. */
final class DeployFiles {
    private static final YAMLMapper YAML = new YAMLMapper();

    private DeployFiles() {
    }

    static Path deploy() {
        return Path.of(System.getProperty("nsq.deploy.dir", "../deploy")).toAbsolutePath().normalize();
    }

    static Path crds() {
        return Path.of(System.getProperty("nsq.crds.dir", "../crds")).toAbsolutePath().normalize();
    }

    /** Where the Quarkus build writes the CRDs (and kubernetes.yml); the module's target/ is its parent. */
    static Path generatedCrds() {
        return Path.of(System.getProperty("nsq.generated.crds.dir", "target/kubernetes")).toAbsolutePath().normalize();
    }

    /** Every document of a YAML file or text, "---" separated; empty documents left out. */
    static List<JsonNode> documents(String yaml) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(d -> d != null && !d.isNull() && !d.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(Path file) {
        return documents(read(file));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, Predicate<String> name) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode only(List<JsonNode> documents, String kind, String name) {
        List<JsonNode> found = documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.at("/metadata/name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }
}
