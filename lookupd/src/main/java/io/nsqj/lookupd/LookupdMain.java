package io.nsqj.lookupd;

import io.nsqj.lookupd.config.FlagTranslation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/** Entry point: nsqlookupd's command-line flags become configuration, then the service runs until SIGTERM. */
@QuarkusMain
public final class LookupdMain {
    private LookupdMain() {
    }

    public static void main(String[] args) {
        Map<String, String> properties;
        try {
            properties = FlagTranslation.toProperties(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage of nsqlookupd: see README.md (flags as nsqlookupd's: -tcp-address, -http-address, ...)");
            System.exit(2);
            return;
        }
        if (properties.containsKey(FlagTranslation.VERSION_PROPERTY)) {
            System.out.println("nsqlookupd v" + LookupdVersion.VERSION + " (built w/ java " + Runtime.version() + ")");
            return;
        }
        properties.forEach(System::setProperty);
        Quarkus.run();
    }
}
