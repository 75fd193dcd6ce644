package io.nsqj.broker.storage;

/** Where reading and writing of a disk queue stand, and how many records lie between them. */
record QueueState(long depth, long readFileNum, long readPos, long writeFileNum, long writePos) {

    QueueState {
        if (depth < 0 || readFileNum < 0 || readPos < 0 || writeFileNum < 0 || writePos < 0) {
            throw new IllegalArgumentException("negative queue position or depth");
        }
    }

    boolean readIsAfterWrite() {
        return readFileNum > writeFileNum || (readFileNum == writeFileNum && readPos > writePos);
    }
}
