package io.nsqj.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real lookupd process (the packaged Quarkus app) on free ports of 127.0.0.1 (or of every address, see
 * {@link #startOnAllAddresses}); closing sends SIGTERM, {@link #kill()} sends SIGKILL.
 */
public final class LookupdProcess implements AutoCloseable {

    private final int tcpPort;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private LookupdProcess(String listenHost, int tcpPort, Path log, List<String> flags) throws IOException {
        this.tcpPort = tcpPort;
        this.httpPort = FreePorts.next();
        this.log = log;
        List<String> all = new ArrayList<>();
        all.add("--tcp-address=" + listenHost + ":" + tcpPort);
        all.add("-http-address");
        all.add(listenHost + ":" + httpPort);
        all.addAll(flags);
        process = PackagedDaemon.LOOKUPD.start(List.of("-Xmx128m"), all, log);
    }

    /** Starts lookupd with extra flags (e.g. "--inactive-producer-timeout=1s"), its log in the build's work dir. */
    public static LookupdProcess start(String name, String... flags) {
        return start("127.0.0.1", name, flags);
    }

    /**
     * Starts lookupd with its ports on 0.0.0.0, nsqlookupd's default host, which takes IPv6 connections too
     * (as Go's listener on 0.0.0.0 does): for peers coming from ::1.
     */
    public static LookupdProcess startOnAllAddresses(String name, String... flags) {
        return start("0.0.0.0", name, flags);
    }

    /**
     * Starts lookupd with its TCP port on {@code tcpPort} of 127.0.0.1: for a broker given that address before
     * any lookupd listens there.
     */
    public static LookupdProcess startAt(int tcpPort, String name, String... flags) {
        return start("127.0.0.1", tcpPort, name, flags);
    }

    private static LookupdProcess start(String listenHost, String name, String... flags) {
        return start(listenHost, FreePorts.next(), name, flags);
    }

    private static LookupdProcess start(String listenHost, int tcpPort, String name, String... flags) {
        try {
            Path work = Path.of(System.getProperty("nsq.work.dir", "target/it-work"));
            Files.createDirectories(work);
            LookupdProcess lookupd = new LookupdProcess(listenHost, tcpPort,
                    work.resolve(name + "-" + System.nanoTime() + ".log"), List.of(flags));
            DaemonStartup.awaitListening("lookupd", lookupd.process, lookupd.log, lookupd.tcpPort, lookupd.httpPort);
            return lookupd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path logFile() {
        return log;
    }

    /** SIGKILL: the lookupd vanishes without closing anything itself, as when its machine fails. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
