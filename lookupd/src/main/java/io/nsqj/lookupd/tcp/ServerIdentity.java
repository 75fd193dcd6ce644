package io.nsqj.lookupd.tcp;

import io.nsqj.protocol.GoJson;

import java.nio.charset.StandardCharsets;

/** What lookupd tells an nsqd about itself in answer to IDENTIFY. */
public record ServerIdentity(int tcpPort, int httpPort, String broadcastAddress, String hostname, String version) {
    /** nsqlookupd marshals a map here, so the keys come sorted. */
    public byte[] identifyResponse() {
        return new GoJson().beginObject()
                .name("broadcast_address").value(broadcastAddress)
                .name("hostname").value(hostname)
                .name("http_port").value(httpPort)
                .name("tcp_port").value(tcpPort)
                .name("version").value(version)
                .endObject().toString().getBytes(StandardCharsets.UTF_8);
    }
}
