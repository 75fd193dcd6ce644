package io.nsqj.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool, in the forms the
 * parties of a TLS test need: PEM certificate and PKCS#8 key for the broker (as nsqd takes them), the same
 * certificate as a CA file for clients that verify, and a PKCS#12 trust store for Java clients.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    private final Path certPem;
    private final Path keyPem;
    private final Path trustStore;
    private final Path keyStore;

    private TestCertificates(Path certPem, Path keyPem, Path trustStore, Path keyStore) {
        this.certPem = certPem;
        this.keyPem = keyPem;
        this.trustStore = trustStore;
        this.keyStore = keyStore;
    }

    /** Generates a fresh key pair and certificate under {@code dir}. */
    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve("server.p12");
            Files.deleteIfExists(keyStore);
            keytool("-genkeypair", "-alias", "nsqd", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            Certificate cert = ks.getCertificate("nsqd");
            Key key = ks.getKey("nsqd", PASSWORD.toCharArray());
            Path certPem = dir.resolve("server.crt");
            Path keyPem = dir.resolve("server.key");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            // PKCS#8, what a Key's encoding is and what the broker reads
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
            Path trustStore = dir.resolve("trust.p12");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("nsqd", cert);
            try (var out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return new TestCertificates(certPem, keyPem, trustStore, keyStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The certificate, PEM: the broker's --tls-cert, and the CA file of a client that verifies it. */
    public Path certPem() {
        return certPem;
    }

    /** The private key, PEM (PKCS#8): the broker's --tls-key. */
    public Path keyPem() {
        return keyPem;
    }

    /** A PKCS#12 store (password {@link #PASSWORD}) with the key and certificate: a Java client's identity. */
    public Path keyStore() {
        return keyStore;
    }

    /** A PKCS#12 store (password {@link #PASSWORD}) trusting the certificate, for Java clients. */
    public Path trustStore() {
        return trustStore;
    }
}
