package io.nsqj.admin.sampling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded ring of message counts per series (the cluster, a topic, a channel), sampled by {@link RateSampler}:
 * the graphs' data, in memory only. Written by the scheduler's thread, read by page renders; guarded by this.
 */
public final class RateHistory {
    public static final String TOTAL = "total";

    private final int capacity;
    private final Map<String, ArrayDeque<Sample>> series = new HashMap<>();

    public RateHistory(int capacity) {
        this.capacity = capacity;
    }

    public static String topicKey(String topic) {
        return "topic/" + topic;
    }

    public static String channelKey(String topic, String channel) {
        return "channel/" + topic + "/" + channel;
    }

    /** One sampling round: series missing from {@code counts} are gone (a deleted topic), so they are dropped. */
    public synchronized void record(long atMillis, Map<String, Long> counts) {
        series.keySet().retainAll(counts.keySet());
        counts.forEach((key, count) -> {
            ArrayDeque<Sample> ring = series.computeIfAbsent(key, k -> new ArrayDeque<>());
            // capacity rates need one more count than that
            if (ring.size() > capacity) {
                ring.removeFirst();
            }
            ring.addLast(new Sample(atMillis, count));
        });
    }

    /** Messages per second between consecutive samples, oldest first; a restarted nsqd's drop counts as 0. */
    public synchronized List<Double> rates(String key) {
        ArrayDeque<Sample> ring = series.get(key);
        List<Double> out = new ArrayList<>();
        if (ring == null) {
            return out;
        }
        Sample previous = null;
        for (Sample s : ring) {
            if (previous != null && s.atMillis() > previous.atMillis()) {
                long delta = Math.max(0, s.count() - previous.count());
                out.add(delta * 1000.0 / (s.atMillis() - previous.atMillis()));
            }
            previous = s;
        }
        return out;
    }

    private record Sample(long atMillis, long count) {
    }
}
