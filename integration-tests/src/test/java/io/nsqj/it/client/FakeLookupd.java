package io.nsqj.it.client;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** An nsqlookupd stand-in on 127.0.0.1 whose /lookup answer lists whichever nsqd TCP ports the test sets. */
final class FakeLookupd implements AutoCloseable {
    private final HttpServer server;
    private final List<Integer> producerPorts = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();

    FakeLookupd() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/lookup", exchange -> {
            lookups.incrementAndGet();
            String producers = producerPorts.stream()
                    .map(port -> "{\"remote_address\":\"127.0.0.1:1\",\"hostname\":\"test\",\"broadcast_address\":\"127.0.0.1\","
                            + "\"tcp_port\":" + port + ",\"http_port\":1,\"version\":\"1.3.0\"}")
                    .collect(Collectors.joining(","));
            byte[] body = ("{\"channels\":[],\"producers\":[" + producers + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void addProducer(int tcpPort) {
        producerPorts.add(tcpPort);
    }

    void removeProducer(int tcpPort) {
        producerPorts.remove(Integer.valueOf(tcpPort));
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
