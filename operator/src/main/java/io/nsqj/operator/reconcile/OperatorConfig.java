package io.nsqj.operator.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The operator's own settings ({@code nsq.operator.*}, or NSQ_OPERATOR_* in the environment). */
@ConfigMapping(prefix = "nsq.operator")
public interface OperatorConfig {
    /** The cluster's DNS domain, for the names brokers broadcast and resolve lookupd by. */
    @WithDefault("cluster.local")
    String clusterDomain();

    /** How soon to look again while something is in progress (pods starting, a drain). */
    @WithDefault("2s")
    Duration busyResync();

    /** How often a steady cluster or topic is checked again, to repair what changed behind the operator's back. */
    @WithDefault("30s")
    Duration steadyResync();
}
