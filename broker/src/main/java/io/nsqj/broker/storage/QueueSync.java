package io.nsqj.broker.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a snapshot of a disk queue durable; may run on any thread. {@link #run()} does both steps; a group
 * commit over several queues calls {@link #force()} on all of them before any {@link #writeMetadata()}, so that
 * no queue's stored read position gets ahead of data another queue received from it.
 */
public final class QueueSync implements Runnable {

    private final FileChannel writeChannel;
    private final Path writeSegment;
    private final QueueMetadataFile metadataFile;
    private final long generation;
    private final QueueState snapshot;
    private final boolean appendsMayStayUnrecorded;

    QueueSync(FileChannel writeChannel, Path writeSegment, QueueMetadataFile metadataFile, long generation,
            QueueState snapshot, boolean appendsMayStayUnrecorded) {
        this.writeChannel = writeChannel;
        this.writeSegment = writeSegment;
        this.metadataFile = metadataFile;
        this.generation = generation;
        this.snapshot = snapshot;
        this.appendsMayStayUnrecorded = appendsMayStayUnrecorded;
    }

    @Override
    public void run() {
        try {
            runChecked();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void runChecked() throws IOException {
        force();
        writeMetadata();
    }

    /** Makes the records written up to the snapshot durable. */
    public void force() throws IOException {
        try {
            // The writer's own channel reports writeback errors that a freshly opened one could miss.
            writeChannel.force(false);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (ClosedChannelException e) {
            forceByPath();
        }
    }

    /** Stores the snapshot's positions; call after {@link #force()}. */
    public void writeMetadata() throws IOException {
        metadataFile.write(generation, snapshot, appendsMayStayUnrecorded);
    }

    /** The owner closed the channel after a roll, a close or an empty; the segment may even be gone. */
    private void forceByPath() throws IOException {
        try (FileChannel channel = FileChannel.open(writeSegment, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (NoSuchFileException e) {
            // Deleted because it was fully read or emptied: none of its data needs to survive.
        }
    }
}
