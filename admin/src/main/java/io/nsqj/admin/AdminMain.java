package io.nsqj.admin;

import io.nsqj.admin.config.FlagTranslation;
import io.nsqj.protocol.DaemonCommandLine;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;
import java.util.Optional;

/** Entry point: nsqadmin's command-line flags become configuration, then the web UI runs until SIGTERM. */
@QuarkusMain
public final class AdminMain {
    public static final String VERSION = "1.3.0";

    private AdminMain() {
    }

    public static void main(String[] args) {
        Optional<Map<String, String>> properties = DaemonCommandLine.read(args, FlagTranslation.FLAGS,
                FlagTranslation::toProperties, FlagTranslation.VERSION_PROPERTY,
                () -> "nsqadmin v" + VERSION + " (built w/ java " + Runtime.version() + ")");
        if (properties.isEmpty()) {
            return;
        }
        properties.get().forEach(System::setProperty);
        Quarkus.run();
    }
}
