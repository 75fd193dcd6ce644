package io.nsqj.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Waiting for a packaged daemon (broker, lookupd) started as a test process to listen. */
final class DaemonStartup {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private DaemonStartup() {
    }

    /** Waits until every port accepts connections on 127.0.0.1; fails early if the process exits. */
    static void awaitListening(String what, Process process, Path log, int... ports) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ", see " + log);
            }
            if (Arrays.stream(ports).allMatch(DaemonStartup::accepts)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + " did not start within " + START_TIMEOUT + ", see " + log);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
