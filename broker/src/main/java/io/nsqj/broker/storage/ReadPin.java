package io.nsqj.broker.storage;

/**
 * Where a record read from a {@link DiskQueue} began, held while that record is safe nowhere else: the queue
 * stores no read position beyond its oldest pin, so a crash reads the record again instead of losing it.
 * Obtained from {@link DiskQueue#pinLastPolled()}, given back with {@link DiskQueue#unpin}.
 */
public final class ReadPin {
    final long fileNum;
    final long position;
    /** Records polled before this one over the queue's life: how far the stored depth must reach back. */
    final long polledBefore;
    boolean released;

    ReadPin(long fileNum, long position, long polledBefore) {
        this.fileNum = fileNum;
        this.position = position;
        this.polledBefore = polledBefore;
    }
}
