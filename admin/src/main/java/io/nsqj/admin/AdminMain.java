package io.nsqj.admin;

import io.nsqj.admin.config.FlagTranslation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Map;

/** Entry point: nsqadmin's command-line flags become configuration, then the web UI runs until SIGTERM. */
@QuarkusMain
public final class AdminMain {
    public static final String VERSION = "1.3.0";

    private AdminMain() {
    }

    public static void main(String[] args) {
        Map<String, String> properties;
        try {
            properties = FlagTranslation.toProperties(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage of nsqadmin: see README.md (flags as nsqadmin's: -http-address, -lookupd-http-address, -nsqd-http-address)");
            System.exit(2);
            return;
        }
        if (properties.containsKey(FlagTranslation.VERSION_PROPERTY)) {
            System.out.println("nsqadmin v" + VERSION + " (built w/ java " + Runtime.version() + ")");
            return;
        }
        properties.forEach(System::setProperty);
        Quarkus.run();
    }
}
