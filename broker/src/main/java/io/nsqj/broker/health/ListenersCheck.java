package io.nsqj.broker.health;

import io.nsqj.broker.BrokerServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the protocol V2 listener accepts clients and Quarkus' HTTP server (the HTTP API) listens. */
@Readiness
@ApplicationScoped
public class ListenersCheck implements HealthCheck {
    static final String NAME = "listeners";

    private final BrokerServer broker;
    /** Set by Quarkus' startup event, read by probes. */
    private volatile boolean httpListening;

    public ListenersCheck(BrokerServer broker) {
        this.broker = broker;
    }

    void httpStarted(@ObservesAsync HttpServerStart event) {
        httpListening = true;
    }

    @Override
    public HealthCheckResponse call() {
        boolean tcp = broker.isTcpListening();
        boolean http = httpListening;
        return HealthCheckResponse.named(NAME)
                .status(tcp && http)
                .withData("tcp", tcp)
                .withData("http", http)
                .build();
    }
}
