package io.nsqj.operator.nsq;

import java.util.Map;

/** One lookupd pod's HTTP API, reached by pod IP. */
public final class LookupdAdmin {
    private final String base;

    public LookupdAdmin(String host, int httpPort) {
        this.base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    /**
     * Tombstones a producer of a topic: lookupd leaves it out of /lookup for its --tombstone-lifetime, so no new
     * consumer goes there while it drains. A topic lookupd does not know (404) is fine: nobody finds it there.
     */
    public void tombstone(String topic, String node) {
        NsqHttp.post(NsqHttp.uri(base, "/topic/tombstone", Map.of("topic", topic, "node", node)), new byte[0], 200, 404);
    }
}
