package io.nsqj.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that nsq_to_http sends to: it keeps every request it got and answers 200,
 * or 500 for its first {@link #failFirst} requests; {@link #answerAfter} makes it a slow destination.
 */
public final class HttpDestination implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(String method, String query, String contentType, String header, String body, int answered) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    private HttpDestination() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    public static HttpDestination start() {
        return new HttpDestination();
    }

    /** The next {@code n} requests get a 500. */
    public HttpDestination failFirst(int n) {
        failuresLeft.set(n);
        return this;
    }

    /** Each request is answered that long after it arrived. */
    public HttpDestination answerAfter(Duration d) {
        latency = d;
        return this;
    }

    /** The URL of a path on this server, e.g. {@code url("/in")}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
        synchronized (requests) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Test"), body, status));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** The bodies of the requests answered 200. */
    public List<String> accepted() {
        return requests().stream().filter(r -> r.answered() == 200).map(Request::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
