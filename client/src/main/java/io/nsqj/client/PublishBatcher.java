package io.nsqj.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Collects single publishes per topic and sends them as one MPUB when a batch is full or its oldest message
 * has waited the batch delay. Every caller's future completes with the MPUB's outcome.
 */
final class PublishBatcher {
    private final int maxSize;
    private final Duration maxDelay;
    private final BiFunction<String, List<byte[]>, CompletableFuture<Void>> multiPublish;
    private final ScheduledExecutorService timer;
    private final Map<String, Batch> open = new HashMap<>();

    PublishBatcher(int maxSize, Duration maxDelay, BiFunction<String, List<byte[]>, CompletableFuture<Void>> multiPublish) {
        this.maxSize = maxSize;
        this.maxDelay = maxDelay;
        this.multiPublish = multiPublish;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsqj-publish-batcher");
            t.setDaemon(true);
            return t;
        });
    }

    CompletableFuture<Void> add(String topic, byte[] body) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Batch full = null;
        synchronized (this) {
            Batch batch = open.get(topic);
            if (batch == null) {
                batch = new Batch(topic);
                open.put(topic, batch);
                Batch created = batch;
                batch.deadline = timer.schedule(() -> flushIfOpen(created), maxDelay.toNanos(), TimeUnit.NANOSECONDS);
            }
            batch.bodies.add(body);
            batch.answers.add(answer);
            if (batch.bodies.size() >= maxSize) {
                open.remove(topic);
                batch.deadline.cancel(false);
                full = batch;
            }
        }
        if (full != null) {
            send(full);
        }
        return answer;
    }

    private void flushIfOpen(Batch batch) {
        synchronized (this) {
            if (!open.remove(batch.topic, batch)) {
                return;
            }
        }
        send(batch);
    }

    private CompletableFuture<Void> send(Batch batch) {
        return multiPublish.apply(batch.topic, batch.bodies).whenComplete((ok, error) -> {
            for (CompletableFuture<Void> answer : batch.answers) {
                if (error == null) {
                    answer.complete(null);
                } else {
                    answer.completeExceptionally(error);
                }
            }
        });
    }

    /** Sends every open batch now and stops the timer; the result completes when nsqd answered them all. */
    CompletableFuture<Void> flushAndStop() {
        List<Batch> remaining;
        synchronized (this) {
            remaining = new ArrayList<>(open.values());
            open.clear();
        }
        timer.shutdownNow();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Batch batch : remaining) {
            batch.deadline.cancel(false);
            sent.add(send(batch));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private static final class Batch {
        final String topic;
        final List<byte[]> bodies = new ArrayList<>();
        final List<CompletableFuture<Void>> answers = new ArrayList<>();
        ScheduledFuture<?> deadline;

        Batch(String topic) {
            this.topic = topic;
        }
    }
}
