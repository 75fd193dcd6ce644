package io.nsqj.lookupd.tcp;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;

/** A peer's address written as Go's net.TCPAddr.String does: "1.2.3.4:5678" or "[::1]:5678". */
final class RemoteAddresses {
    private RemoteAddresses() {
    }

    static String format(SocketAddress address) {
        String host = address.hostAddress();
        byte[] ipv6 = NetUtil.createByteArrayFromIpAddressString(host);
        if (ipv6 != null && ipv6.length == 16) {
            return "[" + NetUtil.bytesToIpAddress(ipv6) + "]:" + address.port();
        }
        return host + ":" + address.port();
    }
}
