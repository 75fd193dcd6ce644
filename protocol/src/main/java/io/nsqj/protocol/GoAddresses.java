package io.nsqj.protocol;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;

/**
 * A peer's address as Go's net package writes it, which is what nsqd and nsqlookupd report: nsqd's /stats
 * "remote_address" and nsqlookupd's /nodes "remote_address" are conn.RemoteAddr().String(), and nsqd's
 * "client_id" and "hostname" before IDENTIFY are the host part of it (nsqd/client_v2.go newClientV2,
 * nsqlookupd/lookup_protocol_v1.go IDENTIFY). Java writes IPv6 hosts unabridged and unbracketed, so an address
 * has to be rewritten: "0:0:0:0:0:0:0:1" with port 5678 is Go's "[::1]:5678".
 */
public final class GoAddresses {
    private GoAddresses() {
    }

    /** Go's net.TCPAddr.String(): "1.2.3.4:5678", or an IPv6 host in brackets, "[::1]:5678". */
    public static String hostPort(SocketAddress address) {
        String host = host(address);
        // net.JoinHostPort brackets any host with a colon
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.port();
    }

    /**
     * The host as net.SplitHostPort gives it back from Go's address: net.IP.String() (IPv4 dotted, IPv6 in
     * RFC 5952's short lower-case form, an IPv4-mapped IPv6 address as IPv4), then "%zone" if there is one.
     * Go names the zone by its interface where Java may give its index; that is left as Java has it.
     */
    public static String host(SocketAddress address) {
        String literal = address.hostAddress();
        if (literal == null) {
            return address.toString();
        }
        int zone = literal.indexOf('%');
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(zone < 0 ? literal : literal.substring(0, zone));
        if (ip == null || ip.length == 4) {
            return literal;
        }
        String text = isIpv4Mapped(ip) ? (ip[12] & 0xFF) + "." + (ip[13] & 0xFF) + "." + (ip[14] & 0xFF) + "."
                + (ip[15] & 0xFF) : NetUtil.bytesToIpAddress(ip);
        return zone < 0 ? text : text + literal.substring(zone);
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
    }
}
