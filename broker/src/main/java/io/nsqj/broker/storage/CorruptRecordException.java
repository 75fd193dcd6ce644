package io.nsqj.broker.storage;

import java.io.IOException;

/** A record on disk that cannot be trusted: bad length, checksum mismatch or cut short by a crash. */
final class CorruptRecordException extends IOException {

    private static final long serialVersionUID = 1L;

    CorruptRecordException(String reason) {
        super(reason);
    }
}
