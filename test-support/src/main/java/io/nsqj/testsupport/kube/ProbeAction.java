package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One probe of a container at the pod's IP, as the kubelet makes it: httpGet passes on a status from 200 to 399
 * (over HTTPS without checking the certificate, as the kubelet does), tcpSocket when a connection opens. exec
 * and grpc probes are not simulated and always pass.
 */
final class ProbeAction {
    private static final SSLContext TRUST_ALL = trustAll();

    private ProbeAction() {
    }

    static boolean passes(Probe probe, Container container, String podIp) {
        int timeoutMillis = 1000 * (probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        try {
            if (probe.getHttpGet() != null) {
                return httpGet(probe, container, podIp, timeoutMillis);
            }
            if (probe.getTcpSocket() != null) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(podIp, port(probe.getTcpSocket().getPort(), container)), timeoutMillis);
                    return true;
                }
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean httpGet(Probe probe, Container container, String podIp, int timeoutMillis)
            throws IOException {
        var get = probe.getHttpGet();
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null ? "/" : get.getPath();
        URI uri = URI.create(scheme + "://" + podIp + ":" + port(get.getPort(), container)
                + (path.startsWith("/") ? path : "/" + path));
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(TRUST_ALL.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setInstanceFollowRedirects(false);
        for (HTTPHeader h : get.getHttpHeaders() == null ? List.<HTTPHeader>of() : get.getHttpHeaders()) {
            c.setRequestProperty(h.getName(), h.getValue());
        }
        try {
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            if (body != null) {
                body.close();
            }
            return status >= 200 && status < 400;
        } finally {
            c.disconnect();
        }
    }

    /** A port number, or the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return (container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()).stream()
                .filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container port named " + name));
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
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
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
