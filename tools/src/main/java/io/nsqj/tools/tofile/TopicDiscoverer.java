package io.nsqj.tools.tofile;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.NsqException;
import io.nsqj.protocol.GoStrings;
import io.nsqj.tools.cli.AppLogger;
import io.nsqj.tools.cli.StopSignal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which topics get a {@link FileLogger}: the {@code -topic}s given, or, without any, every topic the lookupds
 * list that matches {@code -topic-pattern}, asked again every {@code -topic-refresh}. A topic once logged
 * stays logged until the tool stops.
 *
 * <p>Threads: the tool's main thread adds loggers; SIGHUP's handler thread only reads them.
 */
final class TopicDiscoverer {
    private final ToFileOptions opts;
    private final ClientConfig config;
    private final AppLogger log;
    private final Map<String, FileLogger> loggers = new ConcurrentHashMap<>();
    private final HttpClient http;

    TopicDiscoverer(ToFileOptions opts, ClientConfig config, AppLogger log) {
        this.opts = opts;
        this.config = config;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(opts.httpConnectTimeout()).build();
    }

    /** Logs until the stop signal, then stops every logger and waits until each has closed its file. */
    void run(StopSignal stop) throws InterruptedException {
        boolean refresh = opts.topics().isEmpty() && opts.topicRefresh().toNanos() > 0;
        updateTopics(opts.topics());
        while (true) {
            boolean stopped = refresh ? stop.await(opts.topicRefresh()) : awaitForever(stop);
            if (stopped) {
                break;
            }
            try {
                updateTopics(lookupdTopics());
            } catch (IOException e) {
                log.error("could not retrieve topic list: %s", e.getMessage());
            }
        }
        for (FileLogger logger : loggers.values()) {
            logger.terminate();
        }
        for (FileLogger logger : loggers.values()) {
            logger.awaitExit();
        }
    }

    private static boolean awaitForever(StopSignal stop) throws InterruptedException {
        stop.await();
        return true;
    }

    /** SIGHUP: every logger syncs and closes its file, and opens a new one with the next message. */
    void hangup() {
        for (FileLogger logger : loggers.values()) {
            logger.hangup();
        }
    }

    private void updateTopics(List<String> topics) {
        for (String topic : topics) {
            if (loggers.containsKey(topic)) {
                continue;
            }
            if (!opts.isTopicAllowed(topic)) {
                log.warn("skipping topic %s (doesn't match pattern %s)", topic, opts.topicPatternText());
                continue;
            }
            try {
                loggers.put(topic, FileLogger.start(opts, topic, config, log));
            } catch (IllegalArgumentException | NsqException e) {
                log.error("couldn't create logger for new topic %s: %s", topic, e.getMessage());
            }
        }
    }

    /**
     * GET /topics of every lookupd, merged and sorted. As NSQ's, any lookupd failing fails the whole refresh,
     * so a partial list never stands for the cluster's.
     */
    private List<String> lookupdTopics() throws IOException, InterruptedException {
        TreeSet<String> topics = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (String address : opts.lookupdHttpAddresses()) {
            try {
                topics.addAll(topicsOf(address));
            } catch (IOException | IllegalArgumentException | DecodeException | ClassCastException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.size() == opts.lookupdHttpAddresses().size()) {
            throw new IOException("failed to query any nsqlookupd: " + String.join("\n", errors));
        }
        if (!errors.isEmpty()) {
            throw new IOException(String.join("\n", errors));
        }
        return new ArrayList<>(topics);
    }

    private List<String> topicsOf(String address) throws IOException, InterruptedException {
        String endpoint = "http://" + address + "/topics";
        log.debug("CI: querying nsqlookupd %s", endpoint);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(opts.httpRequestTimeout())
                .header("Accept", "application/vnd.nsq; version=1.0").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            // the JDK's client gives no message: Go's words for it
            throw new IOException("Get " + GoStrings.quote(endpoint) + ": dial tcp " + address + ": connect: "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(Locale.ROOT)), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("got response " + response.statusCode() + " from " + endpoint + ": " + response.body().trim());
        }
        JsonArray array = new JsonObject(response.body()).getJsonArray("topics", new JsonArray());
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            topics.add(array.getString(i));
        }
        return topics;
    }
}
