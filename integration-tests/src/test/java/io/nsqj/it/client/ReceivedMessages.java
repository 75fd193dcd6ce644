package io.nsqj.it.client;

import io.nsqj.client.Message;
import io.nsqj.client.MessageHandler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that records every delivery, so tests can check what arrived and how often. */
final class ReceivedMessages implements MessageHandler {
    final List<String> deliveries = new CopyOnWriteArrayList<>();
    final Set<String> distinct = ConcurrentHashMap.newKeySet();

    @Override
    public void handle(Message message) {
        deliveries.add(message.bodyAsString());
        distinct.add(message.bodyAsString());
    }

    int count() {
        return deliveries.size();
    }
}
