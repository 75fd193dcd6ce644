package io.nsqj.testsupport.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pod as the simulated kubelet runs it: its IP, and its (first) container as a process of this machine,
 * started again in the same pod, with the same IP and volumes, each time it exits (restartPolicy Always). The
 * output of every run goes to one log file per pod name, each run after a header line.
 *
 * <p>The kubelet's loop starts and stops the process; a test may {@link #kill} it from any thread.
 */
public final class PodProcess {
    private final String podName;
    private final String uid;
    private final String podIp;
    private final Path logFile;
    private final Path workingDirectory;
    /** Guarded by this. */
    private Process process;
    private volatile int restartCount;
    private volatile Instant startedAt;

    PodProcess(String podName, String uid, String podIp, Path logFile, Path workingDirectory) {
        this.podName = podName;
        this.uid = uid;
        this.podIp = podIp;
        this.logFile = logFile;
        this.workingDirectory = workingDirectory;
    }

    public String podName() {
        return podName;
    }

    /** The pod object's uid: a pod re-created under the same name is another PodProcess. */
    public String uid() {
        return uid;
    }

    /** The pod's loopback address, where its daemon listens. */
    public String podIp() {
        return podIp;
    }

    public Path logFile() {
        return logFile;
    }

    /** The directory the daemon runs in, as a container's own file system: its relative paths land here. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The running container's process id; fails while none runs. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(podName + " has no process");
        }
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How often the container was started again after it exited. */
    public int restartCount() {
        return restartCount;
    }

    /**
     * SIGKILL, as when the daemon crashes: the kubelet notices, reports the container terminated and starts it
     * again in the same pod.
     */
    public void kill() {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(30));
        }
    }

    synchronized void start(ContainerCommand command, List<String> jvmOptions) {
        try {
            Files.createDirectories(workingDirectory);
            Files.createDirectories(logFile.getParent());
            List<String> argv = command.daemon().command(jvmOptions, command.flags());
            Files.writeString(logFile, "---- " + Instant.now() + " pod " + podName + " (uid " + uid + ") at "
                            + podIp + ", run " + (restartCount + 1) + ": " + String.join(" ", argv) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().clear();
            builder.environment().putAll(command.environment());
            process = builder.start();
            startedAt = Instant.now();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the current (or last) run started; null before the first. */
    Instant startedAt() {
        return startedAt;
    }

    /** The exit code of the last run, or null while it runs or before any. */
    synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    synchronized boolean hasRun() {
        return process != null;
    }

    void countRestart() {
        restartCount++;
    }

    /** SIGTERM, then SIGKILL if the daemon is still there after {@code grace}; returns once it has exited. */
    void terminate(Duration grace) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!awaitExit(p, grace)) {
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(30));
        }
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    @Override
    public String toString() {
        return podName + "@" + podIp;
    }
}
