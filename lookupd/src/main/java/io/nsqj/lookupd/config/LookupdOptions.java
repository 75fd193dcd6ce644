package io.nsqj.lookupd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/**
 * nsqlookupd's options under their flag names ({@code nsqlookupd.tombstone-lifetime} = {@code --tombstone-lifetime}),
 * with nsqlookupd's defaults. {@link FlagTranslation} turns command-line flags into these properties.
 */
@ConfigMapping(prefix = "nsqlookupd")
public interface LookupdOptions {
    @WithName("tcp-address")
    @WithDefault("0.0.0.0:4160")
    String tcpAddress();

    @WithName("http-address")
    @WithDefault("0.0.0.0:4161")
    String httpAddress();

    /** Defaults to the hostname, resolved at startup. */
    @WithName("broadcast-address")
    Optional<String> broadcastAddress();

    @WithName("inactive-producer-timeout")
    @WithDefault("300s")
    Duration inactiveProducerTimeout();

    @WithName("tombstone-lifetime")
    @WithDefault("45s")
    Duration tombstoneLifetime();
}
