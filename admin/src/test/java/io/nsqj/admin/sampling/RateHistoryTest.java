package io.nsqj.admin.sampling;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateHistoryTest {

    @Test
    void ratesAreMessagesPerSecondBetweenConsecutiveSamples() {
        RateHistory history = new RateHistory(10);
        history.record(0, Map.of("t", 0L));
        history.record(2000, Map.of("t", 10L));
        history.record(3000, Map.of("t", 30L));
        assertEquals(List.of(5.0, 20.0), history.rates("t"));
    }

    @Test
    void theRingKeepsOnlyTheNewestRates() {
        RateHistory history = new RateHistory(3);
        for (int i = 0; i < 10; i++) {
            history.record(i * 1000L, Map.of("t", i * (long) i));
        }
        assertEquals(List.of(13.0, 15.0, 17.0), history.rates("t"));
    }

    @Test
    void aCountThatDropsBecauseAnNsqdRestartedCountsAsNoMessages() {
        RateHistory history = new RateHistory(10);
        history.record(0, Map.of("t", 100L));
        history.record(1000, Map.of("t", 3L));
        assertEquals(List.of(0.0), history.rates("t"));
    }

    @Test
    void aSeriesMissingFromARoundIsDropped() {
        RateHistory history = new RateHistory(10);
        history.record(0, Map.of("gone", 1L, "kept", 1L));
        history.record(1000, Map.of("gone", 2L, "kept", 2L));
        history.record(2000, Map.of("kept", 3L));
        assertTrue(history.rates("gone").isEmpty());
        assertEquals(List.of(1.0, 1.0), history.rates("kept"));
    }

    @Test
    void theChartDrawsALineOnceThereAreTwoRates() {
        assertFalse(RateChart.svg("t", List.of(1.0), 10).contains("<polyline"));
        assertTrue(RateChart.svg("t", List.of(1.0, 2.0), 10).contains("<polyline"));
        assertTrue(RateChart.svg("a<b", List.of(), 10).contains("a&lt;b"));
    }
}
