package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/health/live and /q/health/ready as Kubernetes probes ask them, on real processes: the broker answers on its
 * HTTP port (Quarkus' server, beside nsqd's API), lookupd on its own HTTP port. 200 with "UP", 503 with "DOWN",
 * and every check listed by name.
 */
@Timeout(90)
class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStartedBrokerIsLiveAndReadyWithItsChecksListed() {
        try (BrokerProcess broker = BrokerProcess.start("health")) {
            Health live = Health.of(broker.httpUrl() + "/q/health/live");
            assertEquals(200, live.status());
            assertEquals("UP", live.outcome());
            assertEquals(Map.of("event-loops", "UP"), live.checks());

            Health ready = awaitChecks(broker.httpUrl() + "/q/health/ready",
                    Map.of("listeners", "UP", "data-path", "UP", "lookupd", "UP"));
            assertEquals(200, ready.status());
            assertEquals("UP", ready.outcome());
        }
    }

    @Test
    void aBrokerWhoseLookupdIsNotRunningIsNotReadyUntilOneStartsAtItsAddress() {
        int lookupdPort = FreePorts.next();
        try (BrokerProcess broker = BrokerProcess.start("health-lookupd",
                "--lookupd-tcp-address=127.0.0.1:" + lookupdPort)) {
            Health ready = awaitChecks(broker.httpUrl() + "/q/health/ready",
                    Map.of("listeners", "UP", "data-path", "UP", "lookupd", "DOWN"));
            assertEquals(503, ready.status());
            assertEquals("DOWN", ready.outcome());
            assertEquals(200, Health.of(broker.httpUrl() + "/q/health/live").status());

            try (LookupdProcess lookupd = LookupdProcess.startAt(lookupdPort, "health-lookupd")) {
                long started = System.nanoTime();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Health.of(broker.httpUrl() + "/q/health/ready").status() == 200);
                System.out.printf("health: ready %d ms after lookupd started listening%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertEquals("UP", Health.of(broker.httpUrl() + "/q/health/ready").checks().get("lookupd"));
            }
        }
    }

    /**
     * Root ignores file permissions, so the disk is made to refuse writes with prlimit: a file size limit of 0
     * bytes fails every write of the broker with EFBIG, as a full disk fails them.
     */
    @Test
    void aBrokerWhoseDataPathRefusesWritesIsNotReadyUntilItTakesThemAgain() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("health-disk")) {
            String url = broker.httpUrl() + "/q/health/ready";
            awaitChecks(url, Map.of("listeners", "UP", "data-path", "UP", "lookupd", "UP"));
            setFileSizeLimit(broker, "0");
            try {
                Health ready = awaitChecks(url, Map.of("listeners", "UP", "data-path", "DOWN", "lookupd", "UP"));
                assertEquals(503, ready.status());
                assertEquals("DOWN", ready.outcome());
                assertTrue(ready.body().contains("File too large"), ready.body());
                assertEquals(200, Health.of(broker.httpUrl() + "/q/health/live").status());
            } finally {
                setFileSizeLimit(broker, "unlimited");
            }
            assertEquals(200, awaitChecks(url, Map.of("listeners", "UP", "data-path", "UP", "lookupd", "UP")).status());
        }
    }

    @Test
    void theBrokersHttpApiLeavesQuarkusHealthAndMetricsAlone() {
        try (BrokerProcess broker = BrokerProcess.start("health-q")) {
            Health all = awaitChecks(broker.httpUrl() + "/q/health",
                    Map.of("event-loops", "UP", "listeners", "UP", "data-path", "UP", "lookupd", "UP"));
            assertEquals(200, all.status());
            HttpAnswer metrics = HttpAnswer.get(broker.httpUrl() + "/q/metrics");
            assertEquals(200, metrics.status());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
            assertEquals(404, HttpAnswer.get(broker.httpUrl() + "/health").status());
        }
    }

    @Test
    void aStartedLookupdIsLiveAndReadyOnItsHttpPort() {
        try (LookupdProcess lookupd = LookupdProcess.start("health-lookupd-self")) {
            Health live = Health.of(lookupd.httpUrl() + "/q/health/live");
            assertEquals(200, live.status());
            assertEquals("UP", live.outcome());
            Health ready = Health.of(lookupd.httpUrl() + "/q/health/ready");
            assertEquals(200, ready.status());
            assertEquals("UP", ready.outcome());
            assertEquals(Map.of("listeners", "UP"), ready.checks());
            assertEquals("application/json; charset=UTF-8", ready.answer().header("Content-Type"));
            assertEquals(200, HttpAnswer.get(lookupd.httpUrl() + "/ping").status());
        }
    }

    /**
     * Polls until the checks answer {@code expected}: the HTTP listener is known to be up a moment after the port
     * accepts, and a data path's outcome is reused for a second.
     */
    private static Health awaitChecks(String url, Map<String, String> expected) {
        Health[] last = new Health[1];
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> (last[0] = Health.of(url)).checks().equals(expected));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("checks never became " + expected + ", last answer: "
                    + (last[0] == null ? "none" : last[0].status() + " " + last[0].body()), e);
        }
        return last[0];
    }

    private static void setFileSizeLimit(BrokerProcess broker, String limit) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(broker.pid()),
                "--fsize=" + limit + ":").redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    /** One answer of a health endpoint: its status code, overall outcome and each check's outcome by name. */
    private record Health(HttpAnswer answer, String outcome, Map<String, String> checks) {
        static Health of(String url) {
            HttpAnswer answer = HttpAnswer.get(url);
            try {
                JsonNode json = JSON.readTree(answer.body());
                Map<String, String> checks = new TreeMap<>();
                for (JsonNode check : json.path("checks")) {
                    checks.put(check.path("name").asText(), check.path("status").asText());
                }
                return new Health(answer, json.path("status").asText(), checks);
            } catch (IOException e) {
                throw new UncheckedIOException(answer.status() + " " + answer.body(), e);
            }
        }

        int status() {
            return answer.status();
        }

        String body() {
            return answer.body();
        }
    }
}
