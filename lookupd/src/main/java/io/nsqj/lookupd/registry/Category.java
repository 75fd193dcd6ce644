package io.nsqj.lookupd.registry;

import java.util.Locale;

/** What a registration is about: a connected nsqd ("client"), a topic on it, or a channel of a topic. */
public enum Category {
    CLIENT, TOPIC, CHANNEL;

    /** The lower-case name nsqlookupd shows in /debug keys ("topic:name:"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
