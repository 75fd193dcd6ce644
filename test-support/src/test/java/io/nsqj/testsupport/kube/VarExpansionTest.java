package io.nsqj.testsupport.kube;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VarExpansionTest {
    private static final Map<String, String> VARS = Map.of("POD_NAME", "nsqd-0", "POD_NAMESPACE", "nsq");

    @Test
    void aDefinedVariableIsReplaced() {
        assertEquals("--broadcast-address=nsqd-0.nsqd.nsq.svc.cluster.local",
                VarExpansion.expand("--broadcast-address=$(POD_NAME).nsqd.$(POD_NAMESPACE).svc.cluster.local", VARS));
    }

    @Test
    void anUndefinedVariableIsLeftAsWritten() {
        assertEquals("--x=$(NOT_SET)", VarExpansion.expand("--x=$(NOT_SET)", VARS));
    }

    @Test
    void aDoubledDollarIsALiteralDollar() {
        assertEquals("--x=$(POD_NAME)", VarExpansion.expand("--x=$$(POD_NAME)", VARS));
    }

    @Test
    void aDollarWithoutParenthesesOrClosingParenthesisStaysAsIs() {
        assertEquals("$HOME and $(POD_NAME", VarExpansion.expand("$HOME and $(POD_NAME", VARS));
    }
}
