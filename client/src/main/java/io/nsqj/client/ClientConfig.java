package io.nsqj.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;

/**
 * Settings of a {@link Producer} or {@link Consumer}: what IDENTIFY tells nsqd, and the client's own timing.
 * Defaults are go-nsq's. Immutable; made with {@link #builder()}.
 */
public final class ClientConfig {
    public static final String VERSION = readVersion();

    private final String clientId;
    private final String hostname;
    private final String userAgent;
    private final Duration heartbeatInterval;
    private final Duration msgTimeout;
    private final int outputBufferSize;
    private final Duration outputBufferTimeout;
    private final int sampleRate;
    private final Duration dialTimeout;
    private final int maxInFlight;
    private final int concurrency;
    private final ExecutorService handlerExecutor;
    private final int maxAttempts;
    private final Duration defaultRequeueDelay;
    private final Duration maxRequeueDelay;
    private final Duration backoffMultiplier;
    private final Duration maxBackoffDuration;
    private final Duration lookupdPollInterval;
    private final double lookupdPollJitter;
    private final Duration rdyRedistributeInterval;
    private final Duration lowRdyIdleTimeout;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final Duration stopTimeout;
    private final int publishBatchSize;
    private final Duration publishBatchDelay;
    private final TlsSettings tls;
    private final boolean snappy;
    private final boolean deflate;
    private final int deflateLevel;
    private final String authSecret;

    private ClientConfig(Builder b) {
        this.clientId = b.clientId;
        this.hostname = b.hostname;
        this.userAgent = b.userAgent;
        this.heartbeatInterval = b.heartbeatInterval;
        this.msgTimeout = b.msgTimeout;
        this.outputBufferSize = b.outputBufferSize;
        this.outputBufferTimeout = b.outputBufferTimeout;
        this.sampleRate = b.sampleRate;
        this.dialTimeout = b.dialTimeout;
        this.maxInFlight = b.maxInFlight;
        this.concurrency = b.concurrency;
        this.handlerExecutor = b.handlerExecutor;
        this.maxAttempts = b.maxAttempts;
        this.defaultRequeueDelay = b.defaultRequeueDelay;
        this.maxRequeueDelay = b.maxRequeueDelay;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxBackoffDuration = b.maxBackoffDuration;
        this.lookupdPollInterval = b.lookupdPollInterval;
        this.lookupdPollJitter = b.lookupdPollJitter;
        this.rdyRedistributeInterval = b.rdyRedistributeInterval;
        this.lowRdyIdleTimeout = b.lowRdyIdleTimeout;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.stopTimeout = b.stopTimeout;
        this.publishBatchSize = b.publishBatchSize;
        this.publishBatchDelay = b.publishBatchDelay;
        this.tls = b.tls;
        this.snappy = b.snappy;
        this.deflate = b.deflate;
        this.deflateLevel = b.deflateLevel;
        this.authSecret = b.authSecret;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClientConfig defaults() {
        return builder().build();
    }

    /** IDENTIFY's client_id. */
    public String clientId() {
        return clientId;
    }

    /** IDENTIFY's hostname. */
    public String hostname() {
        return hostname;
    }

    /** IDENTIFY's user_agent, "nsqj-client/VERSION" unless set. */
    public String userAgent() {
        return userAgent;
    }

    /** How often nsqd sends a heartbeat; the connection counts as dead after two silent intervals. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** IDENTIFY's msg_timeout; zero leaves nsqd's --msg-timeout. */
    public Duration msgTimeout() {
        return msgTimeout;
    }

    /** IDENTIFY's output_buffer_size in bytes; zero leaves nsqd's default. */
    public int outputBufferSize() {
        return outputBufferSize;
    }

    /** IDENTIFY's output_buffer_timeout; zero leaves nsqd's default. */
    public Duration outputBufferTimeout() {
        return outputBufferTimeout;
    }

    /** IDENTIFY's sample_rate (percent of messages nsqd delivers); zero delivers all. */
    public int sampleRate() {
        return sampleRate;
    }

    public Duration dialTimeout() {
        return dialTimeout;
    }

    /** Messages a consumer may hold at once over all its connections, spread over them as RDY. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Threads of the default handler executor. */
    public int concurrency() {
        return concurrency;
    }

    /** Where handlers run; null means a fixed pool of {@link #concurrency()} threads owned by the consumer. */
    public ExecutorService handlerExecutor() {
        return handlerExecutor;
    }

    /** A message delivered more often than this is finished without its handler; zero never gives up. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Requeue delay after a failed handler, multiplied by the message's attempts. */
    public Duration defaultRequeueDelay() {
        return defaultRequeueDelay;
    }

    public Duration maxRequeueDelay() {
        return maxRequeueDelay;
    }

    /** Backoff after n consecutive failures lasts multiplier * 2^n. */
    public Duration backoffMultiplier() {
        return backoffMultiplier;
    }

    public Duration maxBackoffDuration() {
        return maxBackoffDuration;
    }

    public Duration lookupdPollInterval() {
        return lookupdPollInterval;
    }

    /** Fraction of the poll interval added at random, so many consumers do not poll lookupd in step. */
    public double lookupdPollJitter() {
        return lookupdPollJitter;
    }

    public Duration rdyRedistributeInterval() {
        return rdyRedistributeInterval;
    }

    /** A connection with RDY that received nothing for this long gives its RDY to others (when RDY is scarce). */
    public Duration lowRdyIdleTimeout() {
        return lowRdyIdleTimeout;
    }

    /** First delay before reconnecting to a directly given nsqd; doubles up to {@link #reconnectMaxDelay()}. */
    public Duration reconnectMinDelay() {
        return reconnectMinDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /** How long {@link Consumer#stop()} waits for in-flight handlers before closing anyway. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** Producer batching: up to this many publishAsync calls become one MPUB; 1 or less disables batching. */
    public int publishBatchSize() {
        return publishBatchSize;
    }

    /** Producer batching: the longest a publishAsync call waits for its batch to fill. */
    public Duration publishBatchDelay() {
        return publishBatchDelay;
    }

    /** TLS asked for in IDENTIFY, or null for plain TCP. */
    public TlsSettings tls() {
        return tls;
    }

    public boolean snappy() {
        return snappy;
    }

    public boolean deflate() {
        return deflate;
    }

    public int deflateLevel() {
        return deflateLevel;
    }

    /** The secret sent with AUTH when nsqd requires it; null when none was given. */
    public String authSecret() {
        return authSecret;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = ClientConfig.class.getResourceAsStream("/nsqj-client.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public static final class Builder {
        private String clientId;
        private String hostname;
        private String userAgent = "nsqj-client/" + VERSION;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration msgTimeout = Duration.ZERO;
        private int outputBufferSize;
        private Duration outputBufferTimeout = Duration.ZERO;
        private int sampleRate;
        private Duration dialTimeout = Duration.ofSeconds(1);
        private int maxInFlight = 1;
        private int concurrency = 1;
        private ExecutorService handlerExecutor;
        private int maxAttempts = 5;
        private Duration defaultRequeueDelay = Duration.ofSeconds(90);
        private Duration maxRequeueDelay = Duration.ofMinutes(15);
        private Duration backoffMultiplier = Duration.ofSeconds(1);
        private Duration maxBackoffDuration = Duration.ofMinutes(2);
        private Duration lookupdPollInterval = Duration.ofSeconds(60);
        private double lookupdPollJitter = 0.3;
        private Duration rdyRedistributeInterval = Duration.ofSeconds(5);
        private Duration lowRdyIdleTimeout = Duration.ofSeconds(10);
        private Duration reconnectMinDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private int publishBatchSize = 1;
        private Duration publishBatchDelay = Duration.ofMillis(10);
        private TlsSettings tls;
        private boolean snappy;
        private boolean deflate;
        private int deflateLevel = 6;
        private String authSecret;

        private Builder() {
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder hostname(String v) {
            hostname = v;
            return this;
        }

        public Builder userAgent(String v) {
            userAgent = Objects.requireNonNull(v);
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = positive(v, "heartbeatInterval");
            return this;
        }

        public Builder msgTimeout(Duration v) {
            msgTimeout = notNegative(v, "msgTimeout");
            return this;
        }

        public Builder outputBufferSize(int v) {
            outputBufferSize = v;
            return this;
        }

        public Builder outputBufferTimeout(Duration v) {
            outputBufferTimeout = notNegative(v, "outputBufferTimeout");
            return this;
        }

        public Builder sampleRate(int v) {
            if (v < 0 || v > 99) {
                throw new IllegalArgumentException("sampleRate must be 0..99");
            }
            sampleRate = v;
            return this;
        }

        public Builder dialTimeout(Duration v) {
            dialTimeout = positive(v, "dialTimeout");
            return this;
        }

        public Builder maxInFlight(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxInFlight must not be negative");
            }
            maxInFlight = v;
            return this;
        }

        public Builder concurrency(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            concurrency = v;
            return this;
        }

        public Builder handlerExecutor(ExecutorService v) {
            handlerExecutor = v;
            return this;
        }

        public Builder maxAttempts(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative");
            }
            maxAttempts = v;
            return this;
        }

        public Builder defaultRequeueDelay(Duration v) {
            defaultRequeueDelay = notNegative(v, "defaultRequeueDelay");
            return this;
        }

        public Builder maxRequeueDelay(Duration v) {
            maxRequeueDelay = notNegative(v, "maxRequeueDelay");
            return this;
        }

        public Builder backoffMultiplier(Duration v) {
            backoffMultiplier = notNegative(v, "backoffMultiplier");
            return this;
        }

        public Builder maxBackoffDuration(Duration v) {
            maxBackoffDuration = notNegative(v, "maxBackoffDuration");
            return this;
        }

        public Builder lookupdPollInterval(Duration v) {
            lookupdPollInterval = positive(v, "lookupdPollInterval");
            return this;
        }

        public Builder lookupdPollJitter(double v) {
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException("lookupdPollJitter must be 0..1");
            }
            lookupdPollJitter = v;
            return this;
        }

        public Builder rdyRedistributeInterval(Duration v) {
            rdyRedistributeInterval = positive(v, "rdyRedistributeInterval");
            return this;
        }

        public Builder lowRdyIdleTimeout(Duration v) {
            lowRdyIdleTimeout = positive(v, "lowRdyIdleTimeout");
            return this;
        }

        public Builder reconnectMinDelay(Duration v) {
            reconnectMinDelay = positive(v, "reconnectMinDelay");
            return this;
        }

        public Builder reconnectMaxDelay(Duration v) {
            reconnectMaxDelay = positive(v, "reconnectMaxDelay");
            return this;
        }

        public Builder stopTimeout(Duration v) {
            stopTimeout = notNegative(v, "stopTimeout");
            return this;
        }

        public Builder publishBatchSize(int v) {
            publishBatchSize = v;
            return this;
        }

        public Builder publishBatchDelay(Duration v) {
            publishBatchDelay = positive(v, "publishBatchDelay");
            return this;
        }

        /** Upgrades every connection to TLS (nsqd needs --tls-cert and --tls-key). */
        public Builder tls(TlsSettings v) {
            tls = v;
            return this;
        }

        /** Snappy compression; nsqd refuses it together with deflate. */
        public Builder snappy(boolean v) {
            snappy = v;
            return this;
        }

        /** Deflate compression; nsqd caps the level by its --max-deflate-level. */
        public Builder deflate(boolean v) {
            deflate = v;
            return this;
        }

        public Builder deflateLevel(int v) {
            if (v < 1 || v > 9) {
                throw new IllegalArgumentException("deflateLevel must be in 1..9");
            }
            deflateLevel = v;
            return this;
        }

        /** Sent with AUTH to nsqds that answer auth_required (--auth-http-address). */
        public Builder authSecret(String v) {
            authSecret = v;
            return this;
        }

        public ClientConfig build() {
            if (snappy && deflate) {
                throw new IllegalArgumentException("snappy and deflate cannot both be enabled");
            }
            if (hostname == null) {
                hostname = localHostname();
            }
            if (clientId == null) {
                int dot = hostname.indexOf('.');
                clientId = dot > 0 ? hostname.substring(0, dot) : hostname;
            }
            if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
                reconnectMaxDelay = reconnectMinDelay;
            }
            return new ClientConfig(this);
        }

        private static Duration positive(Duration v, String name) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return v;
        }

        private static Duration notNegative(Duration v, String name) {
            if (v.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return v;
        }
    }
}
