package io.nsqj.broker;

/** The nsqd version this broker speaks as, reported in IDENTIFY, /info and /stats. */
public final class BrokerVersion {
    public static final String VERSION = "1.3.0";

    private BrokerVersion() {
    }
}
