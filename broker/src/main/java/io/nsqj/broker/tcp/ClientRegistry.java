package io.nsqj.broker.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every open TCP client, for /stats' producers and for closing them all at shutdown. Thread-safe. */
public final class ClientRegistry {
    private final ConcurrentHashMap<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(ClientConnection c) {
        clients.put(c.id(), c);
    }

    void remove(ClientConnection c) {
        clients.remove(c.id());
    }

    public List<ClientConnection> all() {
        return new ArrayList<>(clients.values());
    }

    public int size() {
        return clients.size();
    }
}
