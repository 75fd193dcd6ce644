package io.nsqj.broker.core;

import java.util.List;
import java.util.Map;

/**
 * nsqd's e2e_processing_latency object. Percentiles stay null unless
 * --e2e-processing-latency-percentile is set, as in nsqd.
 */
public record LatencySummary(long count, List<Map<String, Double>> percentiles) {
    public static final LatencySummary EMPTY = new LatencySummary(0, null);
}
