package io.nsqj.lookupd.registry;

/**
 * A key of the registration DB. Topics use {@code key} = topic and an empty {@code subKey}; channels use
 * {@code subKey} = channel; the per-connection client registration has both empty. In queries, "*" in key or
 * subKey matches anything, as in nsqlookupd (so {@code /channels?topic=*} lists every channel, as it does there).
 */
public record Registration(Category category, String key, String subKey) {
    public static final String ANY = "*";

    public static Registration client() {
        return new Registration(Category.CLIENT, "", "");
    }

    public static Registration topic(String topic) {
        return new Registration(Category.TOPIC, topic, "");
    }

    public static Registration channel(String topic, String channel) {
        return new Registration(Category.CHANNEL, topic, channel);
    }

    public boolean matches(Category queryCategory, String queryKey, String querySubKey) {
        return category == queryCategory
                && (ANY.equals(queryKey) || key.equals(queryKey))
                && (ANY.equals(querySubKey) || subKey.equals(querySubKey));
    }

    /** The /debug form, "category:key:subkey". */
    public String debugKey() {
        return category.wireName() + ":" + key + ":" + subKey;
    }
}
