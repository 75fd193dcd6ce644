package io.nsqj.broker.http;

/** nsqd's boolParams table: "true"/"1" and "false"/"0"; anything else is not a boolean. */
final class BoolParams {
    private BoolParams() {
    }

    static Boolean parse(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static boolean parse(String v, boolean otherwise) {
        Boolean b = parse(v);
        return b == null ? otherwise : b;
    }
}
