package io.nsqj.admin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** nsqadmin's options under their flag names, with nsqadmin's defaults; {@link FlagTranslation} fills them from flags. */
@ConfigMapping(prefix = "nsqadmin")
public interface AdminOptions {
    @WithName("lookupd-http-address")
    Optional<List<String>> lookupdHttpAddresses();

    @WithName("nsqd-http-address")
    Optional<List<String>> nsqdHttpAddresses();

    @WithName("http-client-connect-timeout")
    @WithDefault("2s")
    Duration httpClientConnectTimeout();

    @WithName("http-client-request-timeout")
    @WithDefault("5s")
    Duration httpClientRequestTimeout();

    /**
     * How long a node lookupd no longer lists is still shown (as down, unless it answers): a broker that stopped
     * leaves lookupd at once, and would otherwise vanish from the pages instead of showing as down. As long as
     * nsqlookupd keeps an inactive producer.
     */
    @WithName("forget-node-after")
    @WithDefault("300s")
    Duration forgetNodeAfter();

    /** How often the admin samples every broker's /stats for its rate graphs. */
    @WithName("sample-interval")
    @WithDefault("5s")
    Duration sampleInterval();

    /** How many samples the graphs keep (at 5s, 120 is ten minutes). */
    @WithName("sample-count")
    @WithDefault("120")
    int sampleCount();
}
