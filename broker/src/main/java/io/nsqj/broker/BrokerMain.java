package io.nsqj.broker;

import io.nsqj.broker.config.FlagTranslation;
import io.nsqj.protocol.DaemonCommandLine;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;
import java.util.Optional;

/** Entry point: nsqd's command-line flags become configuration, then the broker runs until SIGTERM. */
@QuarkusMain
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) {
        Optional<Map<String, String>> properties = DaemonCommandLine.read(args, FlagTranslation.FLAGS,
                FlagTranslation::toProperties, FlagTranslation.VERSION_PROPERTY,
                () -> BrokerVersion.describe("nsqd"));
        if (properties.isEmpty()) {
            return;
        }
        properties.get().forEach(System::setProperty);
        // nsqd's HTTP API judges URIs itself, as Go does: a bad escape in the query is nsqd's
        // INVALID_REQUEST, characters java.net.URI refuses (|, {, ^ ...) are accepted. Without this,
        // Quarkus answers an empty 400 before any route runs.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run();
    }
}
