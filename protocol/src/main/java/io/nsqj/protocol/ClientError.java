package io.nsqj.protocol;

/**
 * An error answered to a client as an error frame, "CODE description" as nsqd words it.
 * A fatal one also closes the connection, exactly where nsqd uses FatalClientErr.
 */
public final class ClientError extends Exception {
    private final String code;
    private final String description;
    private final boolean fatal;

    private ClientError(String code, String description, boolean fatal) {
        super(code + " " + description, null, false, false);
        this.code = code;
        this.description = description;
        this.fatal = fatal;
    }

    public static ClientError fatal(String code, String description) {
        return new ClientError(code, description, true);
    }

    public static ClientError nonFatal(String code, String description) {
        return new ClientError(code, description, false);
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public boolean isFatal() {
        return fatal;
    }
}
