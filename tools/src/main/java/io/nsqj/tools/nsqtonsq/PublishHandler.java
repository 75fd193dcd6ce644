package io.nsqj.tools.nsqtonsq;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;
import io.nsqj.client.Producer;
import io.nsqj.tools.cli.HostPool;
import io.nsqj.tools.cli.TimerMetrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nsq_to_nsq's handler: publishes each message (after the JSON filter) to one destination nsqd chosen by
 * {@code -mode}, or to every destination with {@code -mode fanout}, and answers it only when the nsqd
 * answered the PUB: FIN on OK (from all of them when fanning out), REQ (the attempts' delay) on an error or a
 * lost connection. A fanned-out message that failed somewhere is published again to every destination:
 * at least once everywhere, never lost. Handlers run on the consumers' threads, answers on the producers'.
 */
final class PublishHandler {
    /** NSQ 1.3's modes, and fanout (ours, as nsq_to_http's); a -mode none names is round-robin, as in NSQ. */
    enum Mode {
        ROUND_ROBIN, HOST_POOL, FAN_OUT;

        static Mode of(String name) {
            return switch (name) {
                case "hostpool", "epsilon-greedy" -> HOST_POOL;
                case "fanout" -> FAN_OUT;
                default -> ROUND_ROBIN;
            };
        }
    }

    private final List<String> addresses;
    private final Map<String, Producer> producers;
    private final Mode mode;
    private final JsonFilter filter;
    private final Duration defaultRequeueDelay;
    private final Duration maxRequeueDelay;
    private final HostPool hostPool;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, TimerMetrics> perAddress = new HashMap<>();
    private final TimerMetrics aggregate;

    PublishHandler(List<String> addresses, Map<String, Producer> producers, Mode mode, JsonFilter filter,
                   Duration defaultRequeueDelay, Duration maxRequeueDelay, int statusEvery) {
        this.addresses = List.copyOf(addresses);
        this.producers = Map.copyOf(producers);
        this.mode = mode;
        this.filter = filter;
        this.defaultRequeueDelay = defaultRequeueDelay;
        this.maxRequeueDelay = maxRequeueDelay;
        this.hostPool = new HostPool(addresses);
        for (String a : addresses) {
            // one destination: its status would repeat the aggregate's
            perAddress.put(a, new TimerMetrics(addresses.size() == 1 ? 0 : statusEvery, "[" + a + "]:"));
        }
        this.aggregate = new TimerMetrics(statusEvery, "[aggregate]:");
    }

    /** The handler for one consumed topic: publishes to {@code destinationTopic}. */
    MessageHandler publishingTo(String destinationTopic) {
        return message -> handle(message, destinationTopic);
    }

    private void handle(Message message, String destinationTopic) throws Exception {
        Optional<byte[]> body = filter.apply(message.body());
        if (body.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        if (mode == Mode.FAN_OUT) {
            fanOut(message, destinationTopic, body.get(), start);
            return;
        }
        String address = mode == Mode.HOST_POOL
                ? hostPool.get()
                : addresses.get((int) Long.remainderUnsigned(counter.incrementAndGet(), addresses.size()));
        CompletableFuture<Void> answer;
        try {
            answer = producers.get(address).publishAsync(destinationTopic, body.get());
        } catch (RuntimeException e) {
            markHost(address, false);
            throw e;
        }
        message.disableAutoResponse();
        answer.whenComplete((ok, error) -> {
            markHost(address, error == null);
            if (error == null) {
                message.finish();
            } else {
                message.requeue(requeueDelay(message.attempts()));
            }
            perAddress.get(address).status(start);
            aggregate.status(start);
        });
    }

    private void fanOut(Message message, String destinationTopic, byte[] body, long start) {
        CompletableFuture<?>[] answers = new CompletableFuture<?>[addresses.size()];
        for (int i = 0; i < answers.length; i++) {
            String address = addresses.get(i);
            answers[i] = producers.get(address).publishAsync(destinationTopic, body)
                    .whenComplete((ok, error) -> perAddress.get(address).status(start));
        }
        message.disableAutoResponse();
        CompletableFuture.allOf(answers).whenComplete((ok, error) -> {
            if (error == null) {
                message.finish();
            } else {
                message.requeue(requeueDelay(message.attempts()));
            }
            aggregate.status(start);
        });
    }

    private void markHost(String address, boolean success) {
        if (mode == Mode.HOST_POOL) {
            hostPool.mark(address, success);
        }
    }

    /** go-nsq's Requeue(-1): the default delay times the attempts, capped. */
    private Duration requeueDelay(int attempts) {
        Duration delay = defaultRequeueDelay.multipliedBy(Math.max(1, attempts));
        return delay.compareTo(maxRequeueDelay) > 0 ? maxRequeueDelay : delay;
    }
}
