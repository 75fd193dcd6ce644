package io.nsqj.it.cluster;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A handler that records when each distinct body first arrived, so tests can time how long delivery took. */
final class Deliveries implements MessageHandler {
    private final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();

    @Override
    public void handle(Message message) {
        firstArrivalNanos.putIfAbsent(message.bodyAsString(), System.nanoTime());
    }

    Set<String> bodies() {
        return Set.copyOf(firstArrivalNanos.keySet());
    }

    boolean contains(String body) {
        return firstArrivalNanos.containsKey(body);
    }

    boolean containsAll(Set<String> bodies) {
        return firstArrivalNanos.keySet().containsAll(bodies);
    }

    /** System.nanoTime() when the body first arrived; fails when it has not. */
    long arrivalNanos(String body) {
        Long at = firstArrivalNanos.get(body);
        if (at == null) {
            throw new AssertionError(body + " has not arrived; arrived: " + bodies());
        }
        return at;
    }
}
