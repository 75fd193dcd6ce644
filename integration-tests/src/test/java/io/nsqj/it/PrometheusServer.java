package io.nsqj.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.testsupport.FreePorts;
import io.nsqj.testsupport.HttpAnswer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (the Debian package's binary, found on PATH) on a free port of 127.0.0.1, its data under the
 * build's work dir, scraping the given targets every second. Each target is a job with static labels, as the
 * Kubernetes relabelling of deploy/prometheus/ would give it (namespace, pod).
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Target(String job, String hostPort, Map<String, String> labels) {
    }

    private final Process process;
    private final int port;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PrometheusServer start(String name, List<Target> targets) {
        Path binary = onPath("prometheus");
        Path work = Path.of(System.getProperty("nsq.work.dir", "target/it-work"))
                .resolve(name + "-" + System.nanoTime()).toAbsolutePath();
        int port = FreePorts.next();
        try {
            Files.createDirectories(work);
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, config(targets));
            Process p = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("prometheus.log").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(p, port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> HttpAnswer.get(server.url() + "/-/ready").status() == 200);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(List<Target> targets) {
        StringBuilder yml = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        for (Target t : targets) {
            yml.append("  - job_name: ").append(t.job()).append('\n')
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(t.hostPort()).append("']\n")
                    .append("        labels:\n");
            t.labels().forEach((k, v) -> yml.append("          ").append(k).append(": '").append(v).append("'\n"));
        }
        return yml.toString();
    }

    private static Path onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(command
                        + " is not on PATH: install the Debian package (apt-get install prometheus), as .ci/run does"));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The result vector of an instant query: one element per series. */
    JsonNode query(String promql) {
        HttpAnswer a = HttpAnswer.get(url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            JsonNode body = JSON.readTree(a.body());
            if (a.status() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(promql + ": " + a.status() + " " + a.body());
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
