package io.nsqj.lookupd;

/** The nsqlookupd version this service speaks as, reported in IDENTIFY and /info. */
public final class LookupdVersion {
    public static final String VERSION = "1.3.0";

    private LookupdVersion() {
    }
}
