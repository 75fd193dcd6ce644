package io.nsqj.broker.storage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and atomically replaces nsqd.dat, in the JSON shape nsqd itself writes. */
public final class MetadataStore {

    private static final String FILE_NAME = "nsqd.dat";

    private static final ObjectMapper JSON = JsonMapper.builder()
            // nsqd marshals Go maps, whose keys come out sorted.
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Fields added by other nsqd versions must not make the topics unloadable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public MetadataStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** The stored metadata, or empty metadata when nsqd.dat does not exist yet. */
    public BrokerMetadata load() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return BrokerMetadata.empty();
        }
        try {
            BrokerMetadata metadata = JSON.readValue(content, BrokerMetadata.class);
            if (metadata == null) {
                throw new IOException("Corrupt broker metadata " + file + ": the file holds JSON null");
            }
            return metadata;
        } catch (JacksonException e) {
            throw new IOException("Corrupt broker metadata " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces nsqd.dat so that a crash leaves either the previous or the new content. */
    public synchronized void save(BrokerMetadata metadata) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(metadata));
    }
}
