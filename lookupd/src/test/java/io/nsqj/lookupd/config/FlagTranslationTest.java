package io.nsqj.lookupd.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagTranslationTest {
    @Test
    void nsqlookupdFlagsBecomeConfigurationProperties() {
        Map<String, String> p = FlagTranslation.toProperties(new String[]{
                "-tcp-address", ":4160", "--http-address=127.0.0.1:4161", "-broadcast-address=lookup1",
                "--inactive-producer-timeout", "1m30s", "-tombstone-lifetime=250ms"});
        assertEquals(":4160", p.get("nsqlookupd.tcp-address"));
        assertEquals("127.0.0.1:4161", p.get("nsqlookupd.http-address"));
        assertEquals("lookup1", p.get("nsqlookupd.broadcast-address"));
        assertEquals("PT1M30S", p.get("nsqlookupd.inactive-producer-timeout"));
        assertEquals("PT0.25S", p.get("nsqlookupd.tombstone-lifetime"));
    }

    @Test
    void versionAndLogLevel() {
        assertTrue(FlagTranslation.toProperties(new String[]{"--version"}).containsKey(FlagTranslation.VERSION_PROPERTY));
        assertEquals("WARN", FlagTranslation.toProperties(new String[]{"-log-level", "WARN"}).get("quarkus.log.level"));
    }

    @Test
    void badValuesAndUnknownFlagsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> FlagTranslation.toProperties(new String[]{"--bogus=1"}));
        assertThrows(IllegalArgumentException.class,
                () -> FlagTranslation.toProperties(new String[]{"--tombstone-lifetime=45"}));
        assertThrows(IllegalArgumentException.class,
                () -> FlagTranslation.toProperties(new String[]{"--log-level=loud"}));
    }
}
