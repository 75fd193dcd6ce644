package io.nsqj.operator.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A daemon's container args: the flags the operator must own (addresses, data path, lookupd) first, then the
 * user's, which may set anything else. A user flag that would take over an owned one is refused rather than
 * silently overridden, so the pods never run with a configuration nobody asked for.
 */
public final class DaemonFlags {
    private DaemonFlags() {
    }

    /** The operator's flags followed by the user's; throws if a user flag names an owned one. */
    public static List<String> combine(List<String> owned, Set<String> ownedNames, List<String> user) {
        for (String arg : user == null ? List.<String>of() : user) {
            String name = flagName(arg);
            if (name != null && ownedNames.contains(name)) {
                throw new InvalidSpecException("flag --" + name + " is set by the operator and cannot be given in args");
            }
        }
        List<String> args = new ArrayList<>(owned);
        if (user != null) {
            args.addAll(user);
        }
        return args;
    }

    /** "--mem-queue-size=0", "-mem-queue-size" → "mem-queue-size"; a value (no dash) → null. */
    static String flagName(String arg) {
        if (arg == null || !arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
            return null;
        }
        String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = name.indexOf('=');
        return eq < 0 ? name : name.substring(0, eq);
    }
}
