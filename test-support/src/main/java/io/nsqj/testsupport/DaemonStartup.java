package io.nsqj.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** What starting any packaged daemon (broker, lookupd) as a test process needs: its jar, and waiting for it. */
final class DaemonStartup {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private DaemonStartup() {
    }

    /** The runnable jar named by system property {@code property}, which the build must have packaged. */
    static Path packagedJar(String what, String property, String defaultPath) {
        Path jar = Path.of(System.getProperty(property, defaultPath));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(what + " not packaged: " + jar.toAbsolutePath());
        }
        return jar;
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
