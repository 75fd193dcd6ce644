package io.nsqj.tools.cli;

import io.nsqj.protocol.GoDuration;
import io.nsqj.protocol.GoFlags;
import io.nsqj.protocol.GoStrings;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A tool's flags, declared once with NSQ's names, defaults and help texts, read the way Go's flag package
 * reads them ({@code -n 5}, {@code --topic=a}, {@code -print-topic}); {@code -h}/{@code --help} prints
 * Go's usage text. Declare every flag, then {@link #parse}, then read the values.
 */
public final class FlagSet {
    private final String program;
    private final Map<String, Flag> flags = new TreeMap<>();
    private Map<String, List<String>> given = Map.of();

    public FlagSet(String program) {
        this.program = program;
    }

    public String program() {
        return program;
    }

    private record Flag(String name, String type, String defaultValue, String help, boolean repeatable) {
    }

    public FlagSet string(String name, String defaultValue, String help) {
        return define(name, "string", defaultValue, help, false);
    }

    /** A flag that may be given multiple times; its default is empty. */
    public FlagSet strings(String name, String help) {
        return define(name, "value", "", help, true);
    }

    public FlagSet integer(String name, long defaultValue, String help) {
        return define(name, "int", Long.toString(defaultValue), help, false);
    }

    public FlagSet decimal(String name, double defaultValue, String help) {
        // Go's %v of a float64: 1, not 1.0
        return define(name, "float", java.math.BigDecimal.valueOf(defaultValue).stripTrailingZeros().toPlainString(), help, false);
    }

    public FlagSet bool(String name, boolean defaultValue, String help) {
        return define(name, "", Boolean.toString(defaultValue), help, false);
    }

    /** A Go duration ({@code 5s}, {@code 1m30s}, {@code 100ms}). */
    public FlagSet duration(String name, Duration defaultValue, String help) {
        return define(name, "duration", GoDuration.format(defaultValue.toNanos()), help, false);
    }

    private FlagSet define(String name, String type, String defaultValue, String help, boolean repeatable) {
        if (flags.put(name, new Flag(name, type, defaultValue, help, repeatable)) != null) {
            throw new IllegalStateException("flag defined twice: " + name);
        }
        return this;
    }

    /**
     * Reads the arguments. Help goes to stdout and ends the program (status 0); a bad flag prints Go's
     * message and the usage to stderr and ends it with status 2, as a Go tool does.
     */
    public FlagSet parse(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help") || arg.equals("--h")) {
                printUsage(System.out);
                throw new ToolExit(0);
            }
        }
        Set<String> booleans = flags.values().stream().filter(f -> f.type.isEmpty()).map(Flag::name)
                .collect(Collectors.toSet());
        try {
            given = GoFlags.parse(args, booleans, flags.keySet());
            for (Map.Entry<String, List<String>> e : given.entrySet()) {
                Flag f = flags.get(e.getKey());
                if (!f.repeatable && e.getValue().size() > 1) {
                    // Go keeps the last; so do we, but a typo'd repeat is usually a mistake worth allowing
                    continue;
                }
                validate(f, last(e.getValue()));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            printUsage(System.err);
            throw new ToolExit(2);
        }
        return this;
    }

    private static void validate(Flag f, String value) {
        String bad = "invalid value \"" + value + "\" for flag -" + f.name + ": ";
        try {
            switch (f.type) {
                case "int" -> Long.parseLong(value);
                case "float" -> Double.parseDouble(value);
                case "duration" -> GoDuration.parse(value);
                case "" -> {
                    if (!value.equals("true") && !value.equals("false") && !value.equals("1") && !value.equals("0")) {
                        throw new IllegalArgumentException("parse error");
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(bad + "parse error");
        }
    }

    private Flag flag(String name) {
        Flag f = flags.get(name);
        if (f == null) {
            throw new IllegalStateException("flag not defined: " + name);
        }
        return f;
    }

    private String value(String name) {
        Flag f = flag(name);
        List<String> values = given.get(name);
        return values == null ? f.defaultValue : last(values);
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }

    public boolean isSet(String name) {
        flag(name);
        return given.containsKey(name);
    }

    public String getString(String name) {
        return value(name);
    }

    public List<String> getStrings(String name) {
        flag(name);
        return new ArrayList<>(given.getOrDefault(name, List.of()));
    }

    public long getLong(String name) {
        return Long.parseLong(value(name));
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return Double.parseDouble(value(name));
    }

    public boolean getBool(String name) {
        String v = value(name);
        return v.equals("true") || v.equals("1");
    }

    public Duration getDuration(String name) {
        return GoDuration.parse(value(name));
    }

    /** Go's usage layout: the flags sorted, each with its type, help and non-zero default. */
    public void printUsage(PrintStream out) {
        out.println("Usage of " + program + ":");
        for (Flag f : flags.values()) {
            // Go's UnquoteUsage: a `name` in the help text names the flag's value, in place of its type
            String argName = f.type;
            String help = f.help;
            int open = help.indexOf('`');
            int close = open < 0 ? -1 : help.indexOf('`', open + 1);
            if (close > 0) {
                argName = help.substring(open + 1, close);
                help = help.substring(0, open) + argName + help.substring(close + 1);
            }
            StringBuilder line = new StringBuilder("  -").append(f.name);
            if (!argName.isEmpty()) {
                line.append(' ').append(argName);
            }
            line.append("\n    \t").append(help);
            if (!isZero(f)) {
                line.append(f.type.equals("string") ? " (default " + GoStrings.quote(f.defaultValue) + ")" : " (default " + f.defaultValue + ")");
            }
            out.println(line);
        }
    }

    private static boolean isZero(Flag f) {
        return switch (f.type) {
            case "string", "value" -> f.defaultValue.isEmpty();
            case "int" -> f.defaultValue.equals("0");
            case "float" -> Double.parseDouble(f.defaultValue) == 0;
            case "duration" -> f.defaultValue.equals("0s");
            default -> f.defaultValue.equals("false");
        };
    }

    /** Ends the program with Go's "flag" error: the message and usage on stderr, status 2. */
    public ToolExit usageError(String message) {
        System.err.println(message);
        printUsage(System.err);
        return new ToolExit(2);
    }

    /** For tests and tools that print what they were given. */
    public Map<String, List<String>> given() {
        return new LinkedHashMap<>(given);
    }
}
