package io.nsqj.broker;

import io.nsqj.broker.config.FlagTranslation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/** Entry point: nsqd's command-line flags become configuration, then the broker runs until SIGTERM. */
@QuarkusMain
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) {
        Map<String, String> properties;
        try {
            properties = FlagTranslation.toProperties(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage of nsqd: see README.md (flags as nsqd's: -tcp-address, -http-address, ...)");
            System.exit(2);
            return;
        }
        if (properties.containsKey(FlagTranslation.VERSION_PROPERTY)) {
            System.out.println(BrokerVersion.describe("nsqd"));
            return;
        }
        properties.forEach(System::setProperty);
        // nsqd's HTTP API judges URIs itself, as Go does: a bad escape in the query is nsqd's
        // INVALID_REQUEST, characters java.net.URI refuses (|, {, ^ ...) are accepted. Without this,
        // Quarkus answers an empty 400 before any route runs.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run();
    }
}
