package io.nsqj.broker.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.nsqj.broker.BrokerServer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Adds the topic, channel and client gauges ({@link StatsMetrics}) to the Prometheus registry whose scrape
 * Quarkus serves at /q/metrics, beside the JVM and process meters Quarkus binds there itself.
 */
@ApplicationScoped
public class MetricsRegistration {
    private final BrokerServer broker;
    private final PrometheusMeterRegistry registry;

    public MetricsRegistration(BrokerServer broker, PrometheusMeterRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        StatsCollector stats = new StatsCollector(new TopicLookup(broker::topics), broker::clients);
        registry.getPrometheusRegistry().register(new StatsMetrics(stats));
    }
}
