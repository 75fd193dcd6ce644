package io.nsqj.broker.security;

import io.nsqj.broker.config.BrokerOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * nsqd's server TLS settings: the certificate and key (PEM), how client certificates are treated, the oldest
 * protocol version accepted, and whether TCP clients must upgrade. Built once at start; a bad setting stops the broker
 * as it stops nsqd.
 */
public final class ServerTls {
    /** nsqd's --tls-min-version names, oldest first, with the JDK's protocol names. */
    private static final List<String[]> VERSIONS = List.of(
            new String[]{"tls1.0", "TLSv1"}, new String[]{"tls1.1", "TLSv1.1"},
            new String[]{"tls1.2", "TLSv1.2"}, new String[]{"tls1.3", "TLSv1.3"});

    private final SslContext context;
    private final boolean requiredForTcp;
    private final boolean requiredForHttp;

    private ServerTls(SslContext context, boolean requiredForTcp, boolean requiredForHttp) {
        this.context = context;
        this.requiredForTcp = requiredForTcp;
        this.requiredForHttp = requiredForHttp;
    }

    /** No certificate configured: IDENTIFY answers tls_v1 false. */
    public static ServerTls disabled() {
        return new ServerTls(null, false, false);
    }

    public static ServerTls from(BrokerOptions o) {
        // nsqd: asking for client certificates implies --tls-required=true, HTTP included
        boolean clientCerts = o.tlsClientAuthPolicy().filter(p -> !p.isEmpty()).isPresent();
        boolean tcp;
        boolean http;
        switch (o.tlsRequired().toLowerCase(Locale.ROOT)) {
            // tcp-https is nsqd's TLSRequiredExceptHTTP: plain HTTP stays served
            case "tcp-https" -> {
                tcp = true;
                http = false;
            }
            case "true", "1", "t" -> {
                tcp = true;
                http = true;
            }
            case "false", "0", "f" -> {
                tcp = clientCerts;
                http = clientCerts;
            }
            default -> throw new IllegalArgumentException("invalid value \"" + o.tlsRequired() + "\" for flag -tls-required");
        }
        List<String> protocols = protocolsFrom(o.tlsMinVersion());
        Optional<String> cert = o.tlsCert().filter(s -> !s.isEmpty());
        Optional<String> key = o.tlsKey().filter(s -> !s.isEmpty());
        if (cert.isEmpty() && key.isEmpty()) {
            if (tcp) {
                throw new IllegalArgumentException("cannot require TLS client connections without TLS key and cert");
            }
            return disabled();
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(new File(cert.orElse("")), new File(key.orElse("")))
                    .sslProvider(SslProvider.JDK)
                    .protocols(protocols);
            String policy = o.tlsClientAuthPolicy().orElse("");
            Optional<String> rootCa = o.tlsRootCaFile().filter(s -> !s.isEmpty());
            switch (policy) {
                // "require" takes any certificate, as Go's RequireAnyClientCert: nothing is verified
                case "require" -> builder.clientAuth(ClientAuth.REQUIRE)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE);
                case "require-verify" -> {
                    builder.clientAuth(ClientAuth.REQUIRE);
                    rootCa.ifPresent(ca -> builder.trustManager(new File(ca)));
                }
                default -> builder.clientAuth(ClientAuth.NONE);
            }
            return new ServerTls(builder.build(), tcp, http);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to load TLS certificate/key: " + e.getMessage(), e);
        }
    }

    /** The JDK protocol names from --tls-min-version up, for every TLS listener. */
    public static List<String> protocolsFrom(String minVersion) {
        String wanted = minVersion.toLowerCase(Locale.ROOT);
        List<String> protocols = new ArrayList<>();
        for (String[] v : VERSIONS) {
            if (!protocols.isEmpty() || v[0].equals(wanted)) {
                protocols.add(v[1]);
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("unknown tlsVersionOption \"" + minVersion + "\"");
        }
        return protocols;
    }

    /** Whether a certificate is configured: IDENTIFY's tls_v1 can then be granted. */
    public boolean enabled() {
        return context != null;
    }

    /** Every TCP command but IDENTIFY fails until the client upgraded to TLS. */
    public boolean requiredForTcp() {
        return requiredForTcp;
    }

    /** The plain HTTP port answers every request 403 TLS_REQUIRED, pointing at the HTTPS port. */
    public boolean requiredForHttp() {
        return requiredForHttp;
    }

    /** A server-side handler for one connection that upgrades now (after IDENTIFY). */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }
}
