package io.nsqj.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real broker process (the packaged Quarkus app) on free ports of 127.0.0.1 (or of every address, see
 * {@link #startOnAllAddresses}), with its own data folder. Stopping sends SIGTERM (graceful), killing sends
 * SIGKILL; both can be followed by {@link #start()}.
 */
public final class BrokerProcess implements AutoCloseable {

    private final String listenHost;
    private final Path dataPath;
    private final List<String> jvmOptions;
    private final List<String> extraFlags;
    private final int tcpPort;
    private final int httpPort;
    /** 0 unless the broker has a certificate: without one it opens no HTTPS port. */
    private final int httpsPort;
    private final Path log;
    private Process process;

    private BrokerProcess(String listenHost, Path dataPath, List<String> jvmOptions, List<String> extraFlags) {
        this.listenHost = listenHost;
        this.dataPath = dataPath;
        this.jvmOptions = jvmOptions;
        this.extraFlags = extraFlags;
        this.tcpPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        // otherwise every TLS broker would take nsqd's default 0.0.0.0:4152, and two at once collide
        this.httpsPort = hasFlag(extraFlags, "tls-cert") && !hasFlag(extraFlags, "https-address") ? FreePorts.next() : 0;
        this.log = dataPath.resolveSibling(dataPath.getFileName() + ".log");
    }

    private static boolean hasFlag(List<String> flags, String name) {
        return flags.stream().anyMatch(f -> f.equals("-" + name) || f.equals("--" + name)
                || f.startsWith("-" + name + "=") || f.startsWith("--" + name + "="));
    }

    /** Starts a broker whose data lives in a fresh folder under the build's work dir. */
    public static BrokerProcess start(String name, String... flags) {
        return start(name, List.of(), flags);
    }

    /**
     * Starts a broker whose JVM also gets {@code jvmOptions}, after the default -Xmx512m (so an -Xmx here
     * wins: the last one counts).
     */
    public static BrokerProcess start(String name, List<String> jvmOptions, String... flags) {
        return start("127.0.0.1", name, jvmOptions, flags);
    }

    /**
     * Starts a broker whose TCP and HTTP ports listen on 0.0.0.0, nsqd's default host, which takes IPv6
     * connections too (as Go's listener on 0.0.0.0 does): for clients coming from ::1.
     */
    public static BrokerProcess startOnAllAddresses(String name, String... flags) {
        return start("0.0.0.0", name, List.of(), flags);
    }

    private static BrokerProcess start(String listenHost, String name, List<String> jvmOptions, String... flags) {
        Path work = Path.of(System.getProperty("nsq.work.dir", "target/it-work"));
        Path data = work.resolve(name + "-" + System.nanoTime());
        BrokerProcess broker = new BrokerProcess(listenHost, data, List.copyOf(jvmOptions), List.of(flags));
        broker.start();
        return broker;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dataPath);
            List<String> jvm = new ArrayList<>();
            jvm.add("-Xmx512m");
            jvm.addAll(jvmOptions);
            List<String> flags = new ArrayList<>();
            flags.add("--tcp-address=" + listenHost + ":" + tcpPort);
            flags.add("-http-address");
            flags.add(listenHost + ":" + httpPort);
            flags.add("--data-path=" + dataPath);
            if (httpsPort != 0) {
                flags.add("--https-address=127.0.0.1:" + httpsPort);
            }
            flags.addAll(extraFlags);
            process = PackagedDaemon.BROKER.start(jvm, flags, log);
            int[] ports = httpsPort == 0 ? new int[]{tcpPort, httpPort} : new int[]{tcpPort, httpPort, httpsPort};
            DaemonStartup.awaitListening("broker", process, log, ports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM and wait: the broker persists what it holds in memory. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** SIGKILL: nothing is flushed. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("broker did not stop within 60s, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running broker's process id, for looking at it from outside (/proc/<pid>/fd). */
    public synchronized long pid() {
        return process.pid();
    }

    public int exitCode() {
        return process.exitValue();
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The HTTPS port this class chose, or 0 when the broker has no certificate or the test named the address. */
    public int httpsPort() {
        return httpsPort;
    }

    public String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    public String tcpAddress() {
        return "127.0.0.1:" + tcpPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path dataPath() {
        return dataPath;
    }

    public Path logFile() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }
}
