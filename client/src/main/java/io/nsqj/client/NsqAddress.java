package io.nsqj.client;

/** A "host:port" address of an nsqd TCP listener or of an nsqlookupd HTTP listener. */
public record NsqAddress(String host, int port) {

    public NsqAddress {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("missing host");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
    }

    /** Parses "host:port", "[v6]:port", with or without an "http://" prefix and a trailing path. */
    public static NsqAddress parse(String text) {
        String s = text.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new NsqAddress(host, Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'", e);
        }
    }

    /** The host as it must appear in a URL: IPv6 literals in brackets. */
    String urlHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return urlHost() + ":" + port;
    }
}
