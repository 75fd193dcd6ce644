package io.nsqj.admin.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagTranslationTest {

    @Test
    void httpAddressSetsTheListenHostAndPort() {
        Map<String, String> props = FlagTranslation.toProperties(new String[]{"-http-address", "127.0.0.1:4171"});
        assertEquals("127.0.0.1", props.get("quarkus.http.host"));
        assertEquals("4171", props.get("quarkus.http.port"));
    }

    @Test
    void repeatedLookupdHttpAddressesAllCount() {
        Map<String, String> props = FlagTranslation.toProperties(new String[]{
                "--lookupd-http-address=127.0.0.1:4161", "-lookupd-http-address", "127.0.0.1:4163"});
        assertEquals("127.0.0.1:4161,127.0.0.1:4163", props.get("nsqadmin.lookupd-http-address"));
    }

    @Test
    void repeatedNsqdHttpAddressesAllCount() {
        Map<String, String> props = FlagTranslation.toProperties(new String[]{
                "--nsqd-http-address=127.0.0.1:4151", "--nsqd-http-address=127.0.0.1:4155"});
        assertEquals("127.0.0.1:4151,127.0.0.1:4155", props.get("nsqadmin.nsqd-http-address"));
    }

    @Test
    void lookupdAndNsqdAddressesTogetherAreRefusedAsNsqadminDoes() {
        assertThrows(IllegalArgumentException.class, () -> FlagTranslation.toProperties(new String[]{
                "--nsqd-http-address=127.0.0.1:4151", "--lookupd-http-address=127.0.0.1:4161"}));
    }

    @Test
    void anUnknownFlagIsAnErrorAsInGo() {
        assertThrows(IllegalArgumentException.class,
                () -> FlagTranslation.toProperties(new String[]{"--graphite-url=http://g"}));
    }

    @Test
    void versionIsABooleanFlag() {
        assertTrue(FlagTranslation.toProperties(new String[]{"-version"})
                .containsKey(FlagTranslation.VERSION_PROPERTY));
        assertFalse(FlagTranslation.toProperties(new String[]{"-version=false"})
                .containsKey(FlagTranslation.VERSION_PROPERTY));
    }
}
