package io.nsqj.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A daemon this build packages as a runnable jar (the Quarkus app), as a test starts it in a process of its own:
 * {@link BrokerProcess}, {@link LookupdProcess}, {@link AdminProcess} and the simulated cluster's pods all start theirs here.
 */
public enum PackagedDaemon {
    BROKER("broker", "nsq.broker.jar", "../broker/target/quarkus-app/quarkus-run.jar",
            Map.of("tcp-address", 4150, "http-address", 4151, "https-address", 4152)),
    LOOKUPD("lookupd", "nsq.lookupd.jar", "../lookupd/target/quarkus-app/quarkus-run.jar",
            Map.of("tcp-address", 4160, "http-address", 4161)),
    ADMIN("admin", "nsq.admin.jar", "../admin/target/quarkus-app/quarkus-run.jar", Map.of("http-address", 4171));

    private final String what;
    private final String jarProperty;
    private final String defaultJar;
    private final Map<String, Integer> listenFlags;

    PackagedDaemon(String what, String jarProperty, String defaultJar, Map<String, Integer> listenFlags) {
        this.what = what;
        this.jarProperty = jarProperty;
        this.defaultJar = defaultJar;
        this.listenFlags = listenFlags;
    }

    /**
     * The runnable jar named by the system property (nsq.broker.jar, nsq.lookupd.jar, nsq.admin.jar), else the one the sibling
     * module packages; the build must have packaged it.
     */
    public Path jar() {
        Path jar = Path.of(System.getProperty(jarProperty, defaultJar));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(what + " not packaged: " + jar.toAbsolutePath());
        }
        return jar;
    }

    /** The flags naming an address the daemon listens on, each with its default port (on 0.0.0.0 unless given). */
    public Map<String, Integer> listenFlags() {
        return listenFlags;
    }

    /** This JVM's java, then {@code jvmOptions}, -jar, the daemon's jar and its {@code flags}. */
    public List<String> command(List<String> jvmOptions, List<String> flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(flags);
        return cmd;
    }

    /** Starts the daemon with its output, stdout and stderr together, appended to {@code log}. */
    public Process start(List<String> jvmOptions, List<String> flags, Path log) throws IOException {
        return new ProcessBuilder(command(jvmOptions, flags)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    public String toString() {
        return what;
    }
}
