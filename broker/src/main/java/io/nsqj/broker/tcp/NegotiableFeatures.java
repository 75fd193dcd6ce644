package io.nsqj.broker.tcp;

import io.nsqj.broker.auth.AuthServers;
import io.nsqj.broker.config.BrokerOptions;
import io.nsqj.broker.security.ServerTls;

/** What a client may ask for in IDENTIFY and AUTH, as the broker's flags allow it. */
public record NegotiableFeatures(ServerTls tls, boolean snappy, boolean deflate, AuthServers auth) {

    public static NegotiableFeatures from(BrokerOptions o, ServerTls tls, AuthServers auth) {
        return new NegotiableFeatures(tls, o.snappy(), o.deflate(), auth);
    }
}
