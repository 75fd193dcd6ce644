package io.nsqj.client;

/**
 * How a consumer's maxInFlight becomes RDY counts on its connections (go-nsq's rules): each connection gets
 * maxInFlight / connections but at least 1, and no RDY may be granted that would let the sum exceed
 * maxInFlight. When there are more connections than maxInFlight, some get 1 and the rest 0 until a
 * periodic redistribution moves RDY from idle connections to others.
 */
final class RdyDistribution {
    private RdyDistribution() {
    }

    static int perConnection(int maxInFlight, int connections) {
        if (connections == 0 || maxInFlight == 0) {
            return 0;
        }
        return Math.min(maxInFlight, Math.max(1, maxInFlight / connections));
    }

    /**
     * The RDY to send to a connection that wants {@code desired}: at most nsqd's max_rdy_count and what the
     * other connections leave of maxInFlight. Returns -1 when a raise is not possible at all.
     */
    static int allowed(int desired, int connectionMaxRdy, int maxInFlight, int totalRdy, int connectionRdy) {
        int count = Math.min(desired, connectionMaxRdy);
        int room = maxInFlight - totalRdy + connectionRdy;
        if (count > 0 && room <= 0) {
            return -1;
        }
        return Math.min(count, Math.max(room, 0));
    }

    /** Redistribution is needed when RDY cannot cover every connection: too few of it, or backoff's single RDY. */
    static boolean needsRedistribution(int maxInFlight, int connections, boolean inBackoff) {
        return connections > 0 && (maxInFlight < connections || inBackoff);
    }
}
