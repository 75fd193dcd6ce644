package io.nsqj.protocol;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A daemon's command-line flags, declared once with NSQ's names, help texts and defaults: the names and kinds
 * {@link GoFlags} reads, and the usage Go's flag package prints for {@code -h}. The broker, lookupd and admin
 * each declare theirs next to their flag translation.
 */
public final class DaemonFlags {
    private final String program;
    private final Map<String, Flag> flags = new TreeMap<>();

    /**
     * @param type Go's name for the value in the usage ("string", "int", "duration", "value"; empty for a
     *             boolean, which takes no value)
     */
    private record Flag(String name, String type, String defaultValue, String help) {
        boolean isZero() {
            return switch (type) {
                case "int" -> defaultValue.equals("0");
                case "duration" -> defaultValue.equals("0s");
                case "" -> defaultValue.equals("false");
                default -> defaultValue.isEmpty();
            };
        }
    }

    public DaemonFlags(String program) {
        this.program = program;
    }

    public String program() {
        return program;
    }

    public DaemonFlags string(String name, String defaultValue, String help) {
        return define(name, "string", defaultValue, help);
    }

    public DaemonFlags integer(String name, long defaultValue, String help) {
        return define(name, "int", Long.toString(defaultValue), help);
    }

    /** A Go duration; its default as Go prints it ("2s", "15m0s", "1h0m0s"). */
    public DaemonFlags duration(String name, String defaultValue, String help) {
        return define(name, "duration", defaultValue, help);
    }

    public DaemonFlags bool(String name, boolean defaultValue, String help) {
        return define(name, "", Boolean.toString(defaultValue), help);
    }

    /** A flag Go declares with its own value type (a list, a level): "value" in the usage. */
    public DaemonFlags value(String name, String defaultValue, String help) {
        return define(name, "value", defaultValue, help);
    }

    private DaemonFlags define(String name, String type, String defaultValue, String help) {
        if (flags.put(name, new Flag(name, type, defaultValue, help)) != null) {
            throw new IllegalStateException("flag defined twice: " + name);
        }
        return this;
    }

    /** Reads the arguments as Go does; an unknown flag or a missing value is an IllegalArgumentException. */
    public Map<String, List<String>> parse(String[] args) {
        Set<String> booleans = flags.values().stream().filter(f -> f.type.isEmpty()).map(Flag::name)
                .collect(Collectors.toSet());
        return GoFlags.parse(args, booleans, flags.keySet());
    }

    /** Go's -h, -help, --help (and --h): the flag package answers them with the usage, exit status 0. */
    public static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help") || arg.equals("--h")) {
                return true;
            }
        }
        return false;
    }

    /** Go's usage layout: "Usage of nsqd:", then the flags sorted, each with its type, help and non-zero default. */
    public void printUsage(PrintStream out) {
        StringBuilder b = new StringBuilder("Usage of ").append(program).append(":\n");
        for (Flag f : flags.values()) {
            b.append("  -").append(f.name);
            if (!f.type.isEmpty()) {
                b.append(' ').append(f.type);
            }
            b.append("\n    \t").append(f.help);
            if (!f.isZero()) {
                b.append(f.type.equals("string") ? " (default " + GoStrings.quote(f.defaultValue) + ")"
                        : " (default " + f.defaultValue + ")");
            }
            b.append('\n');
        }
        out.print(b);
        out.flush();
    }
}
