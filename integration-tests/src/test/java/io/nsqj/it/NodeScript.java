package io.nsqj.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A script of src/test/node run with Node.js as a child process; its output is read line by line, each read
 * bounded by a timeout. The folder's npm dependencies (nsqjs) are installed on first use.
 */
public final class NodeScript implements AutoCloseable {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String END_OF_OUTPUT = "\u0000end";

    private final String name;
    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private NodeScript(String name, Process process, Path errors) {
        this.name = name;
        this.process = process;
        this.errors = errors;
        Thread reader = new Thread(this::readOutput, "node " + name);
        reader.setDaemon(true);
        reader.start();
    }

    static Path folder() {
        return Path.of(System.getProperty("nsq.node.dir", "src/test/node"));
    }

    /** Runs {@code npm install} unless the dependencies are there; fails clearly without Node.js or npm. */
    public static synchronized void installDependencies() {
        if (Files.isDirectory(folder().resolve("node_modules/nsqjs"))) {
            return;
        }
        Path log = workFile("npm-install.log");
        Process npm = launch(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        try {
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install did not finish within " + INSTALL_TIMEOUT + ", see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm install failed with " + npm.exitValue() + ": " + read(log));
        }
    }

    public static NodeScript start(String script, String... args) {
        return start(Map.of(), script, args);
    }

    /** Runs the script with extra environment variables (the scripts read NSQJS_OPTIONS). */
    public static NodeScript start(Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path errors = workFile(script + "-" + System.nanoTime() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(env);
        return new NodeScript(script, launch(builder), errors);
    }

    private static Process launch(ProcessBuilder builder) {
        try {
            return builder.directory(folder().toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + builder.command().get(0) + ": these tests need Node.js "
                    + "and npm on the PATH (" + e.getMessage() + ")", e);
        }
    }

    private static Path workFile(String fileName) {
        Path dir = Path.of(System.getProperty("nsq.work.dir", "target/it-work"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(fileName);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed: the end of its output is all a test waits for
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    /** The script's next line of output; fails when none comes within {@code timeout}. */
    public String nextLine(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (line == null) {
            throw new AssertionError(name + " printed nothing within " + timeout + "; stderr: " + read(errors));
        }
        if (line.equals(END_OF_OUTPUT)) {
            lines.add(END_OF_OUTPUT);
            throw new AssertionError(name + " ended (" + exitDescription() + "); stderr: " + read(errors));
        }
        return line;
    }

    /** Waits for the script to end and fails unless it exited 0. */
    public void assertSucceeds(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; stderr: " + read(errors));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; stderr: " + read(errors));
        }
    }

    private String exitDescription() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
