package io.nsqj.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * How a connection upgraded to TLS checks nsqd: with a trust store and the host name (the default), or not at
 * all ({@link #insecure()}, for test setups with self-signed certificates, as nsqjs' tlsVerification false).
 */
public final class TlsSettings {
    private final SSLContext context;
    private final boolean verifyHostname;

    private TlsSettings(SSLContext context, boolean verifyHostname) {
        this.context = context;
        this.verifyHostname = verifyHostname;
    }

    /** Trusts what the context trusts and checks that the certificate names the host connected to. */
    public static TlsSettings of(SSLContext context) {
        return new TlsSettings(context, true);
    }

    /** The JVM's default trust (its cacerts). */
    public static TlsSettings system() {
        try {
            return of(SSLContext.getDefault());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the certificates of a PKCS#12 or JKS trust store. */
    public static TlsSettings trustStore(Path store, char[] password) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return of(ctx);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load trust store " + store + ": " + e.getMessage(), e);
        }
    }

    /** Accepts any certificate: encryption without knowing who answers. */
    public static TlsSettings insecure() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{trustAll}, null);
            return new TlsSettings(ctx, false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext context() {
        return context;
    }

    boolean verifyHostname() {
        return verifyHostname;
    }
}
