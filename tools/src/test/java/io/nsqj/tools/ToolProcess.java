package io.nsqj.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the tools run as a user runs it, through its launcher in bin/, as a process of its own: stdout and
 * stderr go to files under target/ (read them while it runs), stdin is a pipe, signals are real.
 */
public final class ToolProcess implements AutoCloseable {
    private static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();
    private static final Path OUTPUT = Path.of("target", "tool-output").toAbsolutePath();
    private static int runs;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ToolProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code bin/<tool> args...} with its working directory in {@code workDir}. */
    public static ToolProcess start(Path workDir, String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(OUTPUT);
            int run;
            synchronized (ToolProcess.class) {
                run = ++runs;
            }
            Path out = OUTPUT.resolve(tool + "-" + run + ".out");
            Path err = OUTPUT.resolve(tool + "-" + run + ".err");
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ToolProcess(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code bin/<tool> args...} in the module's folder. */
    public static ToolProcess start(String tool, String... args) {
        return start(Path.of(".").toAbsolutePath(), tool, args);
    }

    public long pid() {
        return process.pid();
    }

    /** Writes to the tool's stdin; {@link #closeStdin()} ends its input. */
    public void writeStdin(String text) {
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a signal by name ("INT", "TERM") as kill(1) does. */
    public void signal(String name) {
        try {
            int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + name + " failed: " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the tool to end and returns its exit status; fails when it does not end in time. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("tool still running after " + timeout + "; stderr:\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process tree if it is still running: the launcher's shell execs java, so one process. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
