package io.nsqj.lookupd.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's url.PathUnescape and url.QueryUnescape: "%XX" is a byte; null when an escape is malformed. */
final class UrlUnescaper {
    private UrlUnescaper() {
    }

    /** For a path: "+" stays "+". */
    static String path(String raw) {
        return unescape(raw, false);
    }

    /** For a query key or value: "+" is a space. */
    static String query(String raw) {
        return unescape(raw, true);
    }

    private static String unescape(String s, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? hexValue(s.charAt(i + 1)) : -1;
                int lo = i + 2 < s.length() ? hexValue(s.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
                i++;
            } else {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != '%' && s.charAt(end) != '+') {
                    end++;
                }
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
