package io.nsqj.it.cluster;

import java.time.Duration;

/** Timings the cluster tests report: printed in the test output, where a reader of the build log finds them. */
final class Measurement {
    private Measurement() {
    }

    /** Logs the time between two System.nanoTime() readings under the given name. */
    static Duration log(String what, long fromNanos, long toNanos) {
        Duration elapsed = Duration.ofNanos(toNanos - fromNanos);
        System.out.printf("[cluster timing] %s: %d ms (consumer lookupd poll interval %s)%n", what,
                elapsed.toMillis(), Cluster.LOOKUPD_POLL_INTERVAL);
        return elapsed;
    }
}
