package io.nsqj.lookupd.tcp;

import io.nsqj.protocol.GoJson;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** What lookupd tells an nsqd about itself in answer to IDENTIFY. */
public record ServerIdentity(int tcpPort, int httpPort, String broadcastAddress, String hostname, String version) {
    /** nsqlookupd marshals a map here, so the keys come sorted. */
    public byte[] identifyResponse() {
        Map<String, Object> data = new TreeMap<>();
        data.put("tcp_port", tcpPort);
        data.put("http_port", httpPort);
        data.put("version", version);
        data.put("broadcast_address", broadcastAddress);
        data.put("hostname", hostname);
        return GoJson.write(data).getBytes(StandardCharsets.UTF_8);
    }
}
