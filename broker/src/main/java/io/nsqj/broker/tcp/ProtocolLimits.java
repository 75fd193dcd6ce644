package io.nsqj.broker.tcp;

import io.nsqj.broker.config.BrokerOptions;

/** The limits protocol V2 enforces, in milliseconds and bytes, read once from the options. */
public record ProtocolLimits(
        int maxMsgSize,
        int maxBodySize,
        long maxRdyCount,
        long maxReqTimeoutMillis,
        long msgTimeoutMillis,
        long maxMsgTimeoutMillis,
        long defaultHeartbeatMillis,
        long maxHeartbeatMillis,
        long outputBufferTimeoutMillis,
        long minOutputBufferTimeoutMillis,
        long maxOutputBufferTimeoutMillis,
        long maxOutputBufferSize,
        int maxDeflateLevel) {

    public static ProtocolLimits from(BrokerOptions o) {
        return new ProtocolLimits(o.maxMsgSize(), o.maxBodySize(), o.maxRdyCount(), o.maxReqTimeout().toMillis(),
                o.msgTimeout().toMillis(), o.maxMsgTimeout().toMillis(), o.clientTimeout().toMillis() / 2,
                o.maxHeartbeatInterval().toMillis(), o.outputBufferTimeout().toMillis(),
                o.minOutputBufferTimeout().toMillis(), o.maxOutputBufferTimeout().toMillis(),
                o.maxOutputBufferSize(), o.maxDeflateLevel());
    }
}
