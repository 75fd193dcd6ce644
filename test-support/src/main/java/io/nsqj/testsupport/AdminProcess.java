package io.nsqj.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real admin UI process (the packaged nsqadmin equivalent) on a free port of 127.0.0.1; closing sends SIGTERM. */
public final class AdminProcess implements AutoCloseable {
    private final int httpPort;
    private final Path log;
    private final Process process;

    private AdminProcess(int httpPort, Path log, Process process) {
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the admin with nsqadmin's flags (--lookupd-http-address=..., --nsqd-http-address=...); its JVM also
     * gets {@code jvmOptions} (-Dnsqadmin.sample-interval=1s).
     */
    public static AdminProcess start(String name, List<String> jvmOptions, String... flags) {
        try {
            Path work = Path.of(System.getProperty("nsq.work.dir", "target/it-work"));
            Files.createDirectories(work);
            int port = FreePorts.next();
            Path log = work.resolve(name + "-" + System.nanoTime() + ".log");
            List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
            jvm.addAll(jvmOptions);
            List<String> all = new ArrayList<>(List.of("--http-address=127.0.0.1:" + port));
            all.addAll(List.of(flags));
            AdminProcess admin = new AdminProcess(port, log, PackagedDaemon.ADMIN.start(jvm, all, log));
            DaemonStartup.awaitListening("admin", admin.process, log, port);
            return admin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
