package io.nsqj.operator.resources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonFlagsTest {
    private static final List<String> OWNED = List.of("--data-path=/data");
    private static final Set<String> OWNED_NAMES = Set.of("data-path");

    @Test
    void theOperatorsFlagsComeFirstThenTheUsersInTheirOrder() {
        assertEquals(List.of("--data-path=/data", "--msg-timeout=60s", "-mem-queue-size", "0"),
                DaemonFlags.combine(OWNED, OWNED_NAMES, List.of("--msg-timeout=60s", "-mem-queue-size", "0")));
    }

    @Test
    void noUserArgsLeavesTheOperatorsFlags() {
        assertEquals(OWNED, DaemonFlags.combine(OWNED, OWNED_NAMES, null));
        assertEquals(OWNED, DaemonFlags.combine(OWNED, OWNED_NAMES, List.of()));
    }

    /** Each case is the user's args, separated by spaces. */
    @ParameterizedTest
    @ValueSource(strings = {"--data-path=/x", "-data-path=/x", "--data-path /x", "-data-path /x",
            "--msg-timeout=60s --data-path=/x"})
    void aUserFlagThatSetsAnOwnedOneIsRefusedInEveryForm(String args) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> DaemonFlags.combine(OWNED, OWNED_NAMES, Arrays.asList(args.split(" "))));
        assertTrue(e.getMessage().contains("--data-path"), e.getMessage());
    }

    @Test
    void anOwnedFlagsNameAsAValueIsNotAFlag() {
        assertEquals(List.of("--data-path=/data", "--node-id", "data-path"),
                DaemonFlags.combine(OWNED, OWNED_NAMES, List.of("--node-id", "data-path")));
    }

    @ParameterizedTest
    @CsvSource({
            "--mem-queue-size=0, mem-queue-size",
            "-mem-queue-size=0, mem-queue-size",
            "--mem-queue-size, mem-queue-size",
            "-snappy, snappy",
            "--tls-cert=/a=b, tls-cert"})
    void aFlagsNameIsWhatComesBeforeTheEqualsSign(String arg, String name) {
        assertEquals(name, DaemonFlags.flagName(arg));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000", "-", "--", "/data"})
    void valuesAndBareDashesHaveNoFlagName(String arg) {
        assertNull(DaemonFlags.flagName(arg));
    }
}
