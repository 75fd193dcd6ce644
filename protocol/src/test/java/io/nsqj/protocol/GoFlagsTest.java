package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoFlagsTest {
    private static final Set<String> KNOWN = Set.of("tcp-address", "data-path", "lookupd-tcp-address", "snappy");
    private static final Set<String> BOOLS = Set.of("snappy");

    @Test
    void acceptsSingleAndDoubleDashWithEqualsOrSpace() {
        Map<String, List<String>> f = GoFlags.parse(new String[]{"-tcp-address", ":4150", "--data-path=./a",
                "--lookupd-tcp-address=127.0.0.1:4160", "-lookupd-tcp-address", "127.0.0.1:4162", "-snappy"},
                BOOLS, KNOWN);
        assertEquals(List.of(":4150"), f.get("tcp-address"));
        assertEquals(List.of("./a"), f.get("data-path"));
        assertEquals(List.of("127.0.0.1:4160", "127.0.0.1:4162"), f.get("lookupd-tcp-address"));
        assertEquals(List.of("true"), f.get("snappy"));
    }

    @Test
    void booleanFlagTakesAValueOnlyAfterEquals() {
        assertEquals(List.of("false"), GoFlags.parse(new String[]{"--snappy=false"}, BOOLS, KNOWN).get("snappy"));
    }

    @Test
    void unknownFlagIsRejectedAsGoDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoFlags.parse(new String[]{"--nope=1"}, BOOLS, KNOWN));
        assertEquals("flag provided but not defined: -nope", e.getMessage());
    }

    @Test
    void emptyHostMeansEveryInterface() {
        assertEquals(new GoFlags.HostPort("0.0.0.0", 4150), GoFlags.hostPort(":4150"));
        assertEquals(new GoFlags.HostPort("::1", 4151), GoFlags.hostPort("[::1]:4151"));
    }
}
