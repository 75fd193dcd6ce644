package io.nsqj.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the broker logs at ERROR while it is open. The broker catches some exceptions to keep a connection
 * or loop alive and logs them at ERROR (a command that broke, for one): for a fuzz target those are findings
 * as much as exceptions that escape.
 */
public final class SevereLogs extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.nsqj.broker");
    private final List<LogRecord> records = new ArrayList<>();

    private SevereLogs() {
        logger.addHandler(this);
    }

    public static SevereLogs capture() {
        return new SevereLogs();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    public synchronized void assertNone() {
        if (!records.isEmpty()) {
            LogRecord first = records.get(0);
            throw new AssertionError(records.size() + " error(s) logged, first: " + first.getLoggerName() + ": "
                    + first.getMessage(), first.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
