package io.nsqj.broker;

/** The nsqd version this broker speaks as, reported in IDENTIFY, /info and /stats. */
public final class BrokerVersion {
    public static final String VERSION = "1.3.0";

    private BrokerVersion() {
    }

    /** nsqd's version.String(app): what --version prints and the first line of /stats' text format. */
    public static String describe(String app) {
        return app + " v" + VERSION + " (built w/ java " + Runtime.version() + ")";
    }
}
