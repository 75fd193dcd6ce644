package io.nsqj.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads command-line flags the way Go's flag package does, so NSQ users keep typing what they know:
 * {@code -name value}, {@code --name=value}, {@code -bool-flag}; a repeated flag collects its values.
 */
public final class GoFlags {
    private GoFlags() {
    }

    /**
     * Returns flag name to its values, in order of appearance.
     *
     * @param booleanFlags flags that take no value unless written {@code -flag=false}
     * @param knownFlags   every accepted flag name; anything else is an error as in Go
     */
    public static Map<String, List<String>> parse(String[] args, Set<String> booleanFlags, Set<String> knownFlags) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else {
                name = body;
                value = null;
            }
            if (!knownFlags.contains(name)) {
                throw new IllegalArgumentException("flag provided but not defined: -" + name);
            }
            if (value == null) {
                if (booleanFlags.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("flag needs an argument: -" + name);
                }
            }
            out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return out;
    }

    /** Splits Go's "host:port" (host may be empty or a bracketed IPv6 address); empty host means all. */
    public static HostPort hostPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port in address " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        return new HostPort(host, Integer.parseInt(address.substring(colon + 1)));
    }

    public record HostPort(String host, int port) {
    }
}
