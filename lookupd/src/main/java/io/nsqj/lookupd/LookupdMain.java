package io.nsqj.lookupd;

import io.nsqj.lookupd.config.FlagTranslation;
import io.nsqj.protocol.DaemonCommandLine;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;
import java.util.Optional;

/** Entry point: nsqlookupd's command-line flags become configuration, then the service runs until SIGTERM. */
@QuarkusMain
public final class LookupdMain {
    private LookupdMain() {
    }

    public static void main(String[] args) {
        Optional<Map<String, String>> properties = DaemonCommandLine.read(args, FlagTranslation.FLAGS,
                FlagTranslation::toProperties, FlagTranslation.VERSION_PROPERTY,
                () -> "nsqlookupd v" + LookupdVersion.VERSION + " (built w/ java " + Runtime.version() + ")");
        if (properties.isEmpty()) {
            return;
        }
        properties.get().forEach(System::setProperty);
        Quarkus.run();
    }
}
