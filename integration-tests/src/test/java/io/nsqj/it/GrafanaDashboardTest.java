package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * deploy/grafana/nsq-dashboard.json against a real Prometheus scraping a real broker and lookupd under load
 * (messages published, consumed, one requeued, one timed out): every panel query and every variable query,
 * with the dashboard's variables set to the names of that load, returns at least one series.
 */
@Timeout(180)
class GrafanaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Map<String, String> VARIABLES = Map.of(
            "namespace", "nsq-it",
            "pod", "nsqd-0",
            "topic", "orders",
            "channel", "billing",
            // Grafana's at least four scrape intervals; the 1s scrapes here give a minute plenty of samples
            "__rate_interval", "1m");

    @Test
    void everyQueryOfTheDashboardReturnsSeries() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(dashboardFile()));
        List<String> queries = new ArrayList<>();
        collectTargets(dashboard.path("panels"), queries);
        Map<String, String> variableQueries = variableQueries(dashboard);
        assertTrue(queries.size() >= 20, "panel queries found: " + queries);
        assertEquals(Set.of("namespace", "pod", "topic", "channel"), variableQueries.keySet());

        try (LookupdProcess lookupd = LookupdProcess.start("dashboard-lookupd");
             BrokerProcess broker = BrokerProcess.start("dashboard-broker",
                     "--lookupd-tcp-address=127.0.0.1:" + lookupd.tcpPort(), "--msg-timeout=1s");
             RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            load(broker, consumer);
            try (PrometheusServer prometheus = PrometheusServer.start("dashboard-prometheus", List.of(
                    new PrometheusServer.Target("nsqd", "127.0.0.1:" + broker.httpPort(),
                            Map.of("namespace", "nsq-it", "pod", "nsqd-0")),
                    new PrometheusServer.Target("nsqlookupd", "127.0.0.1:" + lookupd.httpPort(),
                            Map.of("namespace", "nsq-it", "pod", "nsqlookupd-0"))))) {
                List<String> empty = new ArrayList<>();
                try {
                    // rate() needs two samples in its window: the first scrapes are a few seconds away
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                        empty.clear();
                        empty.addAll(emptyPanelQueries(prometheus, queries));
                        empty.addAll(emptyVariableQueries(prometheus, variableQueries));
                        return empty.isEmpty();
                    });
                } catch (ConditionTimeoutException e) {
                    fail("queries with no series (of " + (queries.size() + variableQueries.size()) + "): " + empty);
                }
                assertEquals(1, prometheus.query("nsqlookupd_producers{pod=\"nsqlookupd-0\"}").get(0)
                        .path("value").get(1).asDouble());
            }
        }
    }

    /** 20 messages through channel "billing" of topic "orders": one requeued, one left to time out, the rest finished. */
    private static void load(BrokerProcess broker, RawNsqConnection consumer) {
        consumer.identify("{\"client_id\":\"dashboard-it\",\"hostname\":\"it-host\",\"user_agent\":\"it/1.0\","
                + "\"heartbeat_interval\":60000}");
        assertEquals(RawNsqConnection.FRAME_RESPONSE, consumer.read().type());
        consumer.command("SUB orders billing");
        assertEquals("OK", consumer.read().text());
        consumer.command("RDY 10");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append("order ").append(i).append('\n');
        }
        HttpAnswer published = HttpAnswer.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/mpub?topic=orders"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertEquals(200, published.status(), published.body());

        String held = null;
        String requeued = null;
        Set<String> done = new HashSet<>();
        while (done.size() < 20) {
            Optional<Frame> next = consumer.poll(Duration.ofSeconds(10));
            assertTrue(next.isPresent(), "messages done: " + done.size());
            Frame m = next.get();
            if (m.type() != RawNsqConnection.FRAME_MESSAGE) {
                continue;
            }
            if (held == null) {
                held = m.messageId();
            } else if (requeued == null && !m.messageId().equals(held)) {
                requeued = m.messageId();
                consumer.command("REQ " + requeued + " 0");
            } else {
                consumer.command("FIN " + m.messageId());
                done.add(m.messageId());
            }
        }
        Scrape scrape = Scrape.of(broker.httpUrl());
        Map<String, String> billing = Map.of("topic", "orders", "channel", "billing");
        assertEquals(1, scrape.find("nsq_channel_timeout_count", billing).get(0).value());
        assertEquals(1, scrape.find("nsq_channel_requeue_count", billing).get(0).value());
    }

    private static void collectTargets(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    out.add(target.get("expr").asText());
                }
            }
            collectTargets(panel.path("panels"), out);
        }
    }

    private static Map<String, String> variableQueries(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode q = variable.path("query");
                out.put(variable.path("name").asText(), q.isObject() ? q.path("query").asText() : q.asText());
            }
        }
        return out;
    }

    private static List<String> emptyPanelQueries(PrometheusServer prometheus, List<String> queries) {
        List<String> empty = new ArrayList<>();
        for (String q : queries) {
            String promql = substitute(q);
            if (prometheus.query(promql).isEmpty()) {
                empty.add(promql);
            }
        }
        return empty;
    }

    /** label_values(expr, label): the series of expr, of which at least one must carry label. */
    private static List<String> emptyVariableQueries(PrometheusServer prometheus, Map<String, String> queries) {
        List<String> empty = new ArrayList<>();
        queries.forEach((name, q) -> {
            Matcher m = LABEL_VALUES.matcher(q);
            assertTrue(m.matches(), "variable " + name + ": not label_values(expr, label): " + q);
            String promql = substitute(m.group(1));
            boolean found = false;
            for (JsonNode series : prometheus.query(promql)) {
                found |= series.path("metric").hasNonNull(m.group(2));
            }
            if (!found) {
                empty.add("$" + name + ": " + q);
            }
        });
        return empty;
    }

    private static String substitute(String query) {
        String out = query;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        // longest names first, so that $pod never eats into $pods
        List<String> names = new ArrayList<>(VARIABLES.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            out = out.replace("$" + name, VARIABLES.get(name));
        }
        assertTrue(!out.contains("$"), "a variable the test does not know: " + out);
        return out;
    }

    private static Path dashboardFile() {
        return Path.of(System.getProperty("nsq.deploy.dir", "../deploy")).resolve("grafana/nsq-dashboard.json")
                .toAbsolutePath().normalize();
    }
}
