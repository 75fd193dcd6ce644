package io.nsqj.tools.cli;

/**
 * Ends a tool with an exit status; {@link io.nsqj.tools.ToolsMain} turns it into {@code System.exit}, so a
 * tool's code never calls exit itself and stays callable from tests.
 */
public final class ToolExit extends RuntimeException {
    private final int status;

    public ToolExit(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    /** A fatal error: the message on stderr after the date, as Go's log.Fatal prints it; status 1. */
    public static ToolExit fatal(String message) {
        StdLog.printf("%s", message);
        return new ToolExit(1);
    }

    public int status() {
        return status;
    }
}
