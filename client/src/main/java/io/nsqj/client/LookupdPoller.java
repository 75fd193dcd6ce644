package io.nsqj.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks nsqlookupd instances which nsqd produce a topic. A lookupd address whose name resolves to several IPs
 * stands for several lookupd instances (a DNS round-robin or a headless service), so each IP is asked.
 */
final class LookupdPoller {
    private static final System.Logger LOG = System.getLogger(LookupdPoller.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final String topic;

    LookupdPoller(String topic, Duration connectTimeout) {
        this.topic = topic;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * The union of the producers every reachable lookupd lists; empty when none answered, so that an outage
     * of lookupd is not mistaken for every nsqd having gone away.
     */
    Optional<Set<NsqAddress>> poll(List<NsqAddress> lookupds) {
        Set<NsqAddress> producers = new LinkedHashSet<>();
        boolean anyAnswered = false;
        for (NsqAddress lookupd : lookupds) {
            for (NsqAddress instance : resolve(lookupd)) {
                try {
                    producers.addAll(query(instance));
                    anyAnswered = true;
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "error querying nsqlookupd {0} ({1}) - {2}", lookupd,
                            lookupUri(instance), reason(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return anyAnswered ? Optional.of(producers) : Optional.empty();
    }

    private static List<NsqAddress> resolve(NsqAddress lookupd) {
        try {
            InetAddress[] ips = InetAddress.getAllByName(lookupd.host());
            return Arrays.stream(ips).map(ip -> new NsqAddress(ip.getHostAddress(), lookupd.port())).toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot resolve lookupd {0}: {1}", lookupd, e.toString());
            return List.of();
        }
    }

    /** Why a query failed, in words: the JDK's HTTP client throws a ConnectException without a message. */
    private static String reason(Exception e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private URI lookupUri(NsqAddress instance) {
        return URI.create("http://" + instance + "/lookup?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }

    private List<NsqAddress> query(NsqAddress instance) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(lookupUri(instance)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/vnd.nsq; version=1.0").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            // TOPIC_NOT_FOUND: lookupd answered, and no nsqd has the topic
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return LookupResponse.parse(response.body()).producers();
    }
}
