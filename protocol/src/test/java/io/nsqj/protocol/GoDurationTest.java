package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofSeconds(300), GoDuration.parse("300s"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofMillis(250), GoDuration.parse("250ms"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofMillis(-500), GoDuration.parse("-.5s"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
    }

    @Test
    void rejectsWhatGoRejects() {
        for (String bad : new String[]{"", "45", "1x", "s", ".s", "1..2s", "-", "1s2"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
        }
    }

    @Test
    void formatsAsGosDurationString() {
        assertEquals("0s", GoDuration.format(0));
        assertEquals("1ns", GoDuration.format(1));
        assertEquals("1.1\u00b5s", GoDuration.format(1_100));
        assertEquals("2.2ms", GoDuration.format(2_200_000));
        assertEquals("3.3s", GoDuration.format(3_300_000_000L));
        assertEquals("4m5s", GoDuration.format(Duration.ofSeconds(245).toNanos()));
        assertEquals("4m5.001s", GoDuration.format(Duration.ofMillis(245_001).toNanos()));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1).toNanos()));
        assertEquals("8m0.000000001s", GoDuration.format(Duration.ofMinutes(8).toNanos() + 1));
        assertEquals("2562047h47m16.854775807s", GoDuration.format(Long.MAX_VALUE));
        assertEquals("-1.5s", GoDuration.format(-1_500_000_000L));
    }

    @Test
    void formatReadsBackAsTheSameDuration() {
        for (long nanos : new long[]{1, 1_100, 2_200_000, 3_300_000_000L, 5_430_001_000_000L, -7_000}) {
            assertEquals(Duration.ofNanos(nanos), GoDuration.parse(GoDuration.format(nanos)));
        }
    }
}
