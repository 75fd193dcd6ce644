package io.nsqj.client;

/** nsqd answered a command with an error frame, "CODE description" (codes as in {@link io.nsqj.protocol.ErrorCodes}). */
public final class NsqErrorException extends NsqException {
    private final String code;
    private final String description;

    NsqErrorException(String code, String description) {
        super(description.isEmpty() ? code : code + " " + description);
        this.code = code;
        this.description = description;
    }

    /** Splits an error frame's text at its first space, as nsqd writes "E_BAD_TOPIC PUB topic name ... is not valid". */
    static NsqErrorException fromFrame(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? new NsqErrorException(text, "") : new NsqErrorException(text.substring(0, space), text.substring(space + 1));
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
