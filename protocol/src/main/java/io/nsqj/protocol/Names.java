package io.nsqj.protocol;

/** Topic and channel name rules shared by nsqd and nsqlookupd. */
public final class Names {
    public static final String EPHEMERAL_SUFFIX = "#ephemeral";
    private static final int MAX_LENGTH = 64;

    private Names() {
    }

    public static boolean isValidTopicName(String name) {
        return isValid(name);
    }

    public static boolean isValidChannelName(String name) {
        return isValid(name);
    }

    public static boolean isEphemeral(String name) {
        return name.endsWith(EPHEMERAL_SUFFIX);
    }

    private static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        int end = isEphemeral(name) ? name.length() - EPHEMERAL_SUFFIX.length() : name.length();
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
