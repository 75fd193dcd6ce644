package io.nsqj.broker.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {

    private static final String NSQD_JSON = "{\"topics\":[{\"channels\":[{\"name\":\"c\",\"paused\":false}],"
            + "\"name\":\"t\",\"paused\":false}],\"version\":\"1.3.0\"}";

    private static final BrokerMetadata SAMPLE = new BrokerMetadata(List.of(
            new TopicMetadata("t", false, List.of(new ChannelMetadata("c", false)))), "1.3.0");

    @TempDir
    Path dir;

    @Test
    void savedMetadataLoadsBackEqual() throws IOException {
        BrokerMetadata metadata = new BrokerMetadata(List.of(
                new TopicMetadata("orders", true, List.of(
                        new ChannelMetadata("billing", false),
                        new ChannelMetadata("audit#ephemeral", true))),
                new TopicMetadata("events", false, List.of())), "1.3.0");
        MetadataStore store = new MetadataStore(dir);
        store.save(metadata);
        assertEquals(metadata, store.load());
    }

    @Test
    void writesTheJsonShapeNsqdWrites() throws IOException {
        new MetadataStore(dir).save(SAMPLE);
        assertEquals(NSQD_JSON, Files.readString(dir.resolve("nsqd.dat")));
    }

    @Test
    void loadsAFileWrittenByNsqd() throws IOException {
        Files.writeString(dir.resolve("nsqd.dat"), NSQD_JSON);
        assertEquals(SAMPLE, new MetadataStore(dir).load());
    }

    @Test
    void missingFileLoadsAsEmptyMetadata() throws IOException {
        assertEquals(BrokerMetadata.empty(), new MetadataStore(dir).load());
    }

    @Test
    void corruptFileFailsNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("nsqd.dat"), "{\"topics\":[{\"name\":");
        IOException failure = assertThrows(IOException.class, () -> new MetadataStore(dir).load());
        assertTrue(failure.getMessage().contains("Corrupt broker metadata"), failure.getMessage());
        assertTrue(failure.getMessage().contains("nsqd.dat"), failure.getMessage());
    }

    @Test
    void emptyFileIsCorrupt() throws IOException {
        Files.writeString(dir.resolve("nsqd.dat"), "");
        assertThrows(IOException.class, () -> new MetadataStore(dir).load());
    }

    @Test
    void topicWithoutANameIsCorrupt() throws IOException {
        Files.writeString(dir.resolve("nsqd.dat"), "{\"topics\":[{\"paused\":false}],\"version\":\"1.3.0\"}");
        IOException failure = assertThrows(IOException.class, () -> new MetadataStore(dir).load());
        assertTrue(failure.getMessage().contains("nsqd.dat"), failure.getMessage());
    }

    @Test
    void saveReplacesThePreviousContent() throws IOException {
        MetadataStore store = new MetadataStore(dir);
        store.save(SAMPLE);
        BrokerMetadata next = new BrokerMetadata(List.of(new TopicMetadata("u", true, List.of())), "1.3.0");
        store.save(next);
        assertEquals(next, store.load());
    }

    @Test
    void saveLeavesNoTemporaryFileBehind() throws IOException {
        new MetadataStore(dir).save(SAMPLE);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("nsqd.dat"), files.map(path -> path.getFileName().toString()).toList());
        }
    }
}
