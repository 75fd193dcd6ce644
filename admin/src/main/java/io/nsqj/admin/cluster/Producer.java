package io.nsqj.admin.cluster;

import java.util.List;

/**
 * An nsqd as lookupd's /nodes lists it (or as given by --nsqd-http-address, then with only its address known),
 * with the lookupds that listed it; {@code topics} and {@code tombstoned} run in parallel.
 */
public record Producer(String remoteAddress, String hostname, String broadcastAddress, int tcpPort, int httpPort,
                       String version, List<String> topics, List<Boolean> tombstoned, List<String> lookupds) {

    /** host:http_port, how nsqadmin names a node in its URLs and how lookupd's tombstone call names it. */
    public String httpAddress() {
        return broadcastAddress + ":" + httpPort;
    }

    public String tcpAddress() {
        return broadcastAddress + ":" + tcpPort;
    }

    public boolean isTombstoned(String topic) {
        int i = topics.indexOf(topic);
        return i >= 0 && i < tombstoned.size() && tombstoned.get(i);
    }

    /** This node as last seen, now listed by no lookupd. */
    Producer unlisted() {
        return new Producer(remoteAddress, hostname, broadcastAddress, tcpPort, httpPort, version, topics, tombstoned,
                List.of());
    }

    /** A node given by --nsqd-http-address, with the topics its /stats lists (lookupd's tombstones do not apply). */
    Producer withTopics(List<String> names) {
        return new Producer(remoteAddress, hostname, broadcastAddress, tcpPort, httpPort, version, names,
                names.stream().map(n -> false).toList(), lookupds);
    }

    static Producer direct(String httpAddress) {
        int colon = httpAddress.lastIndexOf(':');
        return new Producer("", "", httpAddress.substring(0, colon), 0,
                Integer.parseInt(httpAddress.substring(colon + 1)), "", List.of(), List.of(), List.of());
    }
}
