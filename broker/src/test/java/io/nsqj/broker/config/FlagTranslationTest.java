package io.nsqj.broker.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlagTranslationTest {
    @Test
    void nsqdFlagsBecomeConfigurationProperties() {
        Map<String, String> p = FlagTranslation.toProperties(new String[]{
                "-tcp-address", ":4150", "--data-path=./a", "--mem-queue-size=0", "-msg-timeout", "1m30s"});
        assertEquals(":4150", p.get("nsqd.tcp-address"));
        assertEquals("./a", p.get("nsqd.data-path"));
        assertEquals("0", p.get("nsqd.mem-queue-size"));
        assertEquals("1m30s", p.get("nsqd.msg-timeout"));
    }

    @Test
    void httpAddressAlsoMovesQuarkusHttpListener() {
        Map<String, String> p = FlagTranslation.toProperties(new String[]{"--http-address=127.0.0.1:5151"});
        assertEquals("127.0.0.1", p.get("quarkus.http.host"));
        assertEquals("5151", p.get("quarkus.http.port"));
    }

    @Test
    void logLevelMapsToQuarkusLevels() {
        assertEquals("WARN", FlagTranslation.toProperties(new String[]{"-log-level=warn"}).get("quarkus.log.level"));
    }

    @Test
    void unknownFlagIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> FlagTranslation.toProperties(new String[]{"--bogus=1"}));
    }
}
