package io.nsqj.testsupport.kube;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackAddressesTest {

    @Test
    void addressesAreLoopbackFrom127_0_0_2AndNeverRepeat() {
        try (LoopbackAddresses addresses = new LoopbackAddresses()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                String ip = addresses.allocate();
                assertTrue(ip.startsWith("127."), ip);
                assertNotEquals("127.0.0.1", ip);
                assertTrue(seen.add(ip), ip);
            }
            assertTrue(seen.stream().noneMatch(ip -> ip.endsWith(".0") || ip.endsWith(".1") || ip.endsWith(".255")));
        }
    }

    @Test
    void twoClustersAtOnceNeverShareAnAddress() {
        try (LoopbackAddresses a = new LoopbackAddresses(); LoopbackAddresses b = new LoopbackAddresses()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                assertTrue(seen.add(a.allocate()));
                assertTrue(seen.add(b.allocate()));
            }
        }
    }

    @Test
    void theAddressesOfAClosedClusterCanBeUsedAgain() {
        String first;
        try (LoopbackAddresses a = new LoopbackAddresses()) {
            first = a.allocate();
        }
        try (LoopbackAddresses b = new LoopbackAddresses()) {
            assertEquals(first, b.allocate());
        }
    }
}
