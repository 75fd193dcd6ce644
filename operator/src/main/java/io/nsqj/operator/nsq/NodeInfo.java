package io.nsqj.operator.nsq;

/** What nsqd says of itself in /info. */
public record NodeInfo(String broadcastAddress, int tcpPort, int httpPort) {
    /** lookupd's key for a producer in /topic/tombstone: "broadcast_address:http_port". */
    public String lookupdNode() {
        return broadcastAddress + ":" + httpPort;
    }
}
