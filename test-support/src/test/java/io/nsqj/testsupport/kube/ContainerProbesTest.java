package io.nsqj.testsupport.kube;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes against a stand-in daemon whose /ready and /live answer what the test sets. */
class ContainerProbesTest {
    private final AtomicInteger readyStatus = new AtomicInteger(200);
    private final AtomicInteger liveStatus = new AtomicInteger(200);
    private HttpServer daemon;

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        daemon.createContext("/ready", e -> {
            e.sendResponseHeaders(readyStatus.get(), -1);
            e.close();
        });
        daemon.createContext("/live", e -> {
            e.sendResponseHeaders(liveStatus.get(), -1);
            e.close();
        });
        daemon.start();
    }

    @AfterEach
    void stopDaemon() {
        daemon.stop(0);
    }

    private Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(1).withFailureThreshold(failureThreshold).build();
    }

    private ContainerBuilder container() {
        return new ContainerBuilder().withName("nsqd").addNewPort().withName("http")
                .withContainerPort(daemon.getAddress().getPort()).endPort();
    }

    private static ContainerProbes sampleEvery200ms(Container container, Duration howLong) throws InterruptedException {
        ContainerProbes probes = new ContainerProbes(container, "127.0.0.1", System.nanoTime());
        long end = System.nanoTime() + howLong.toNanos();
        while (System.nanoTime() < end) {
            probes.sample();
            Thread.sleep(ContainerProbes.PERIOD_MILLIS);
        }
        return probes;
    }

    @Test
    void aContainerIsReadyAtTheFirstPassingSample() throws InterruptedException {
        ContainerProbes probes = sampleEvery200ms(container().withReadinessProbe(probe("/ready", 3)).build(),
                Duration.ofMillis(250));
        assertTrue(probes.ready());
    }

    @Test
    void aFailingReadinessProbeTakesItsRealTimeToMakeTheContainerUnready() throws InterruptedException {
        ContainerProbes probes = new ContainerProbes(container().withReadinessProbe(probe("/ready", 3)).build(),
                "127.0.0.1", System.nanoTime());
        probes.sample();
        assertTrue(probes.ready());
        readyStatus.set(503);
        long failingSince = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            probes.sample();
            return !probes.ready();
        });
        // failureThreshold 3 x periodSeconds 1: unready once it has failed for 2 s
        assertTrue(System.nanoTime() - failingSince >= Duration.ofMillis(1900).toNanos());
    }

    @Test
    void aFailingLivenessProbeAsksForARestart() {
        ContainerProbes probes = new ContainerProbes(container().withLivenessProbe(probe("/live", 1)).build(),
                "127.0.0.1", System.nanoTime());
        probes.sample();
        assertNull(probes.failure());
        liveStatus.set(500);
        probes.sample();
        assertTrue(probes.failure().startsWith("Liveness probe failed"));
    }

    @Test
    void readinessWaitsForTheStartupProbe() throws InterruptedException {
        liveStatus.set(500);
        Container container = container().withStartupProbe(probe("/live", 10))
                .withReadinessProbe(probe("/ready", 3)).build();
        ContainerProbes probes = sampleEvery200ms(container, Duration.ofMillis(450));
        assertFalse(probes.started());
        assertFalse(probes.ready());
        liveStatus.set(200);
        probes.sample();
        assertTrue(probes.started());
        assertTrue(probes.ready());
    }
}
