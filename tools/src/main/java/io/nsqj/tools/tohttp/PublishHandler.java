package io.nsqj.tools.tohttp;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;
import io.nsqj.tools.cli.HostPool;
import io.nsqj.tools.cli.TimerMetrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nsq_to_http's handler: sends each message to its addresses by {@code -mode} (round-robin, hostpool, or every
 * address), returning normally (FIN) when the destination took it and throwing (REQ, with the attempts'
 * delay) when one did not. Runs on the consumer's {@code -n} handler threads at once.
 */
final class PublishHandler implements MessageHandler {
    /** NSQ 1.3's modes; a -mode it does not name sends every message to every address. */
    enum Mode {
        ALL, ROUND_ROBIN, HOST_POOL;

        static Mode of(String name) {
            return switch (name) {
                case "round-robin" -> ROUND_ROBIN;
                case "hostpool", "epsilon-greedy" -> HOST_POOL;
                default -> ALL;
            };
        }
    }

    private final HttpPublisher publisher;
    private final List<String> addresses;
    private final Mode mode;
    private final double sample;
    private final HostPool hostPool;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, TimerMetrics> perAddress = new HashMap<>();
    private final TimerMetrics aggregate;

    PublishHandler(HttpPublisher publisher, List<String> addresses, Mode mode, double sample, int statusEvery) {
        this.publisher = publisher;
        this.addresses = List.copyOf(addresses);
        this.mode = mode;
        this.sample = sample;
        this.hostPool = new HostPool(addresses);
        for (String a : addresses) {
            // one address: its status would repeat the aggregate's
            perAddress.put(a, new TimerMetrics(addresses.size() == 1 ? 0 : statusEvery, "[" + a + "]:"));
        }
        this.aggregate = new TimerMetrics(statusEvery, "[aggregate]:");
    }

    @Override
    public void handle(Message message) throws Exception {
        if (sample < 1.0 && ThreadLocalRandom.current().nextDouble() > sample) {
            return;
        }
        long start = System.nanoTime();
        switch (mode) {
            case ALL -> {
                for (String a : addresses) {
                    long st = System.nanoTime();
                    publisher.publish(a, message.body());
                    perAddress.get(a).status(st);
                }
            }
            case ROUND_ROBIN -> {
                String a = addresses.get((int) Long.remainderUnsigned(counter.incrementAndGet(), addresses.size()));
                publisher.publish(a, message.body());
                perAddress.get(a).status(start);
            }
            case HOST_POOL -> {
                String a = hostPool.get();
                try {
                    publisher.publish(a, message.body());
                } catch (Exception e) {
                    hostPool.mark(a, false);
                    throw e;
                }
                hostPool.mark(a, true);
                perAddress.get(a).status(start);
            }
        }
        aggregate.status(start);
    }
}
