package io.nsqj.operator.nsq;

/** One channel of nsqd's /stats. */
public record ChannelStats(String name, long depth, long inFlight, long deferred, boolean paused, int clients) {
    public long remaining() {
        return depth + inFlight + deferred;
    }
}
