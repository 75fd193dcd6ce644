package io.nsqj.broker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * nsqd's options under their flag names ({@code nsqd.mem-queue-size} = {@code --mem-queue-size}), with nsqd's
 * defaults. {@link BrokerMain} turns command-line flags into these properties.
 */
@ConfigMapping(prefix = "nsqd")
public interface BrokerOptions {
    @WithName("node-id")
    Optional<Long> nodeId();

    @WithName("tcp-address")
    @WithDefault("0.0.0.0:4150")
    String tcpAddress();

    @WithName("http-address")
    @WithDefault("0.0.0.0:4151")
    String httpAddress();

    /** Served only when a certificate is configured, as nsqd serves it. */
    @WithName("https-address")
    @WithDefault("0.0.0.0:4152")
    String httpsAddress();

    @WithName("broadcast-address")
    Optional<String> broadcastAddress();

    @WithName("broadcast-tcp-port")
    @WithDefault("0")
    int broadcastTcpPort();

    @WithName("broadcast-http-port")
    @WithDefault("0")
    int broadcastHttpPort();

    @WithName("lookupd-tcp-address")
    Optional<List<String>> lookupdTcpAddresses();

    @WithName("data-path")
    @WithDefault(".")
    String dataPath();

    @WithName("mem-queue-size")
    @WithDefault("10000")
    int memQueueSize();

    @WithName("max-bytes-per-file")
    @WithDefault("104857600")
    long maxBytesPerFile();

    @WithName("sync-every")
    @WithDefault("2500")
    long syncEvery();

    /** interval (nsqd's --sync-every/--sync-timeout) or always (fsync before OK); see SyncMode. */
    @WithName("sync-mode")
    @WithDefault("interval")
    String syncMode();

    @WithName("sync-timeout")
    @WithDefault("2s")
    Duration syncTimeout();

    @WithName("msg-timeout")
    @WithDefault("60s")
    Duration msgTimeout();

    @WithName("max-msg-timeout")
    @WithDefault("15m")
    Duration maxMsgTimeout();

    @WithName("max-msg-size")
    @WithDefault("1048576")
    int maxMsgSize();

    @WithName("max-body-size")
    @WithDefault("5242880")
    int maxBodySize();

    @WithName("max-req-timeout")
    @WithDefault("1h")
    Duration maxReqTimeout();

    @WithName("client-timeout")
    @WithDefault("60s")
    Duration clientTimeout();

    @WithName("max-heartbeat-interval")
    @WithDefault("60s")
    Duration maxHeartbeatInterval();

    @WithName("max-rdy-count")
    @WithDefault("2500")
    long maxRdyCount();

    @WithName("max-output-buffer-size")
    @WithDefault("65536")
    long maxOutputBufferSize();

    @WithName("max-output-buffer-timeout")
    @WithDefault("30s")
    Duration maxOutputBufferTimeout();

    @WithName("min-output-buffer-timeout")
    @WithDefault("25ms")
    Duration minOutputBufferTimeout();

    @WithName("output-buffer-timeout")
    @WithDefault("250ms")
    Duration outputBufferTimeout();

    @WithName("max-channel-consumers")
    @WithDefault("0")
    int maxChannelConsumers();

    @WithName("deflate")
    @WithDefault("true")
    boolean deflate();

    @WithName("max-deflate-level")
    @WithDefault("6")
    int maxDeflateLevel();

    @WithName("snappy")
    @WithDefault("true")
    boolean snappy();

    @WithName("tls-cert")
    Optional<String> tlsCert();

    @WithName("tls-key")
    Optional<String> tlsKey();

    @WithName("tls-root-ca-file")
    Optional<String> tlsRootCaFile();

    /** Empty (no client certificate asked), {@code require} or {@code require-verify}. */
    @WithName("tls-client-auth-policy")
    Optional<String> tlsClientAuthPolicy();

    /** {@code false}, {@code true} or {@code tcp-https}: TCP clients must upgrade to TLS before any command but IDENTIFY. */
    @WithName("tls-required")
    @WithDefault("false")
    String tlsRequired();

    @WithName("tls-min-version")
    @WithDefault("tls1.0")
    String tlsMinVersion();

    @WithName("auth-http-address")
    Optional<List<String>> authHttpAddresses();

    @WithName("auth-http-request-method")
    @WithDefault("get")
    String authHttpRequestMethod();

    /**
     * Not an nsqd flag: /pub and /mpub need a secret the auth servers grant publishing on the topic, as PUB
     * needs one on TCP when auth is enabled.
     */
    @WithName("http-auth-required")
    @WithDefault("false")
    boolean httpAuthRequired();

    @WithName("http-client-connect-timeout")
    @WithDefault("2s")
    Duration httpClientConnectTimeout();

    @WithName("http-client-request-timeout")
    @WithDefault("5s")
    Duration httpClientRequestTimeout();

    /** Event loops serving TCP clients and owning topics; 0 means one per core. */
    @WithName("event-loops")
    @WithDefault("0")
    int eventLoops();
}
