package io.nsqj.lookupd.health;

import io.nsqj.lookupd.LookupdServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the TCP listener (for nsqd) and the HTTP listener (for consumers and tools) are both open. */
@Readiness
@ApplicationScoped
public class ListenersCheck implements HealthCheck {
    static final String NAME = "listeners";

    private final LookupdServer server;

    public ListenersCheck(LookupdServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        boolean tcp = server.isTcpListening();
        boolean http = server.isHttpListening();
        return HealthCheckResponse.named(NAME)
                .status(tcp && http)
                .withData("tcp", tcp)
                .withData("http", http)
                .build();
    }
}
