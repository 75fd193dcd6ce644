package io.nsqj.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The start of every daemon's main: -h/--help prints the usage (status 0), a bad flag prints Go's message
 * and the usage on stderr (status 2), -version prints the version; otherwise the flags, translated to
 * configuration properties, are what the daemon starts with.
 */
public final class DaemonCommandLine {
    private DaemonCommandLine() {
    }

    /**
     * Returns the properties to start with, or empty when the program has nothing more to do (help or version
     * printed). A bad flag ends the JVM here with status 2, as a Go daemon's flag package does.
     *
     * @param translation flags to properties; an IllegalArgumentException is a bad flag
     * @param versionProperty the property the translation sets for -version
     */
    public static Optional<Map<String, String>> read(String[] args, DaemonFlags flags,
                                                     Function<String[], Map<String, String>> translation,
                                                     String versionProperty, Supplier<String> version) {
        if (DaemonFlags.asksForHelp(args)) {
            flags.printUsage(System.out);
            return Optional.empty();
        }
        Map<String, String> properties;
        try {
            properties = translation.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            flags.printUsage(System.err);
            System.exit(2);
            return Optional.empty();
        }
        if (properties.containsKey(versionProperty)) {
            System.out.println(version.get());
            return Optional.empty();
        }
        return Optional.of(properties);
    }
}
