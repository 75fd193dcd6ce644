package io.nsqj.broker.storage;

/** A record read from a segment, with the position where the following record starts. */
record StoredRecord(byte[] payload, long nextPosition) {
}
