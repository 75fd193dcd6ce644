package io.nsqj.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Request paths as Go's net/url and httprouter see them: cleaning, and escaping for Location. */
public final class GoPaths {
    private GoPaths() {
    }

    /** Escapes a path as Go's URL.EscapedPath does for a path it has to encode itself. */
    public static String escape(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~$&+,/:;=@".indexOf(c) >= 0;
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * httprouter's CleanPath: path.Clean rooted at "/", keeping a trailing slash (one that ends the path or
     * follows a last "." element, not one a last ".." leaves), and "/" for an empty path.
     */
    public static String clean(String p) {
        if (p.isEmpty()) {
            return "/";
        }
        boolean trailing = (p.length() > 1 && p.endsWith("/")) || p.equals(".") || p.endsWith("/.");
        List<String> parts = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(seg);
        }
        String cleaned = "/" + String.join("/", parts);
        if (trailing && !cleaned.equals("/")) {
            cleaned += "/";
        }
        return cleaned;
    }

    /** Go's html.EscapeString, as http.Redirect uses it for the link in its body. */
    public static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&#39;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Go's hexEscapeNonASCII, applied to the Location header. */
    public static String hexEscapeNonAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x80) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
