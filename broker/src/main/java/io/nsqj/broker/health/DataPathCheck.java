package io.nsqj.broker.health;

import io.nsqj.broker.config.BrokerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: the data path takes a write and an fsync, as every durable message needs (a full or read-only
 * disk fails here before publishes do). The probe file is written, forced and deleted on a worker thread, at
 * most once a second however often probes come; the answers in between repeat the last outcome.
 */
@Readiness
@ApplicationScoped
public class DataPathCheck implements HealthCheck {
    private static final System.Logger LOG = System.getLogger(DataPathCheck.class.getName());
    static final String NAME = "data-path";
    /** No queue or metadata file of the broker starts with a dot. */
    static final String PROBE_FILE = ".health-probe";
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final byte[] PROBE = "nsqd health probe\n".getBytes(StandardCharsets.US_ASCII);

    private final Path dataPath;
    /** Guarded by this: concurrent probes wait for one disk round instead of each making its own. */
    private Outcome last;

    public DataPathCheck(BrokerOptions options) {
        this.dataPath = Path.of(options.dataPath()).toAbsolutePath();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (last == null || now - last.checkedAt >= REUSE_NANOS) {
            Outcome outcome = new Outcome(now, probe());
            logChange(last, outcome);
            last = outcome;
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(last.error == null)
                .withData("path", dataPath.toString());
        if (last.error != null) {
            response.withData("error", last.error);
        }
        return response.build();
    }

    private void logChange(Outcome before, Outcome now) {
        boolean wasDown = before != null && before.error != null;
        if (now.error != null && !wasDown) {
            LOG.log(System.Logger.Level.ERROR, "data path " + dataPath + " refuses writes, not ready: " + now.error);
        } else if (now.error == null && wasDown) {
            LOG.log(System.Logger.Level.INFO, "data path " + dataPath + " takes writes again");
        }
    }

    /** Null when the disk took the probe, else what refused it. */
    private String probe() {
        Path file = dataPath.resolve(PROBE_FILE);
        try {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer data = ByteBuffer.wrap(PROBE);
                while (data.hasRemaining()) {
                    channel.write(data);
                }
                channel.force(true);
            }
            Files.delete(file);
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private record Outcome(long checkedAt, String error) {
    }
}
