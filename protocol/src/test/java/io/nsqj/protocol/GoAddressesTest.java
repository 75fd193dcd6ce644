package io.nsqj.protocol;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Addresses written as Go's net.TCPAddr.String() and net.IP.String() write them. */
class GoAddressesTest {

    private static SocketAddress address(InetAddress ip, int port) {
        return SocketAddress.inetSocketAddress(new InetSocketAddress(ip, port));
    }

    private static SocketAddress address(String ip, int port) throws UnknownHostException {
        return address(InetAddress.getByName(ip), port);
    }

    @Test
    void ipv4IsDottedWithItsPort() throws Exception {
        assertEquals("127.0.0.1:54321", GoAddresses.hostPort(address("127.0.0.1", 54321)));
        assertEquals("127.0.0.1", GoAddresses.host(address("127.0.0.1", 54321)));
    }

    @Test
    void ipv6IsShortLowerCaseAndBracketedBeforeItsPort() throws Exception {
        assertEquals("[::1]:54321", GoAddresses.hostPort(address("::1", 54321)));
        assertEquals("::1", GoAddresses.host(address("0:0:0:0:0:0:0:1", 54321)));
        assertEquals("[2001:db8::ff00:42:8329]:4150",
                GoAddresses.hostPort(address("2001:0DB8:0000:0000:0000:FF00:0042:8329", 4150)));
        assertEquals("[2001:db8:0:1:1:1:1:1]:4150", GoAddresses.hostPort(address("2001:db8:0:1:1:1:1:1", 4150)),
                "a single zero group is not shortened");
        assertEquals("[2001:db8::1:0:0:1]:4150", GoAddresses.hostPort(address("2001:db8:0:0:1:0:0:1", 4150)),
                "the first of two equal runs of zeros is shortened");
    }

    @Test
    void ipv4MappedIpv6IsWrittenAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 1, 2, 3};
        assertEquals("10.1.2.3:80", GoAddresses.hostPort(address(Inet6Address.getByAddress(null, mapped, -1), 80)));
    }

    @Test
    void aZoneStaysInsideTheBrackets() throws Exception {
        byte[] linkLocal = {(byte) 0xFE, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals("[fe80::1%2]:4150", GoAddresses.hostPort(address(Inet6Address.getByAddress(null, linkLocal, 2), 4150)));
    }
}
