package io.nsqj.broker.health;

import io.nsqj.broker.BrokerServer;
import io.nsqj.broker.lookup.LookupRegistrar;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Readiness: with lookupd addresses configured, at least one lookupd has this broker registered, so consumers
 * that find brokers through lookupd can find this one. Without lookupd addresses there is nothing to wait for.
 */
@Readiness
@ApplicationScoped
public class LookupdCheck implements HealthCheck {
    static final String NAME = "lookupd";

    private final BrokerServer broker;

    public LookupdCheck(BrokerServer broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        LookupRegistrar lookup = broker.lookup();
        if (lookup == null) {
            return HealthCheckResponse.named(NAME).down().withData("registered", 0).build();
        }
        List<String> addresses = lookup.addresses();
        List<String> configured = addresses == null ? List.of() : addresses;
        int registered = lookup.connectedPeers().size();
        return HealthCheckResponse.named(NAME)
                .status(configured.isEmpty() || registered > 0)
                .withData("configured", String.join(",", configured))
                .withData("registered", registered)
                .build();
    }
}
