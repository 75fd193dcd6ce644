package io.nsqj.protocol.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's url.PathUnescape and url.QueryUnescape: "%XX" is a byte; null when an escape is malformed. */
public final class UrlUnescaper {
    private UrlUnescaper() {
    }

    /** For a path: "+" stays "+". A malformed escape is a request Go's net/http refuses with 400. */
    public static String path(String raw) {
        return unescape(raw, false);
    }

    /** For a query key or value: "+" is a space. */
    public static String query(String raw) {
        return unescape(raw, true);
    }

    private static String unescape(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%') {
                if (i + 2 >= in.length) {
                    return null;
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
