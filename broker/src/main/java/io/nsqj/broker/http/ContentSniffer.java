package io.nsqj.broker.http;

import java.util.List;
import java.util.Locale;

/**
 * The Content-Type Go's net/http adds when a handler writes a body without one (http.DetectContentType),
 * for the kinds of bodies nsqd writes: text, HTML-looking text, XML, or binary.
 */
final class ContentSniffer {
    private static final List<String> HTML_TAGS = List.of("<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT",
            "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P",
            "<!--");

    private ContentSniffer() {
    }

    static String detect(byte[] body) {
        int n = Math.min(body.length, 512);
        int start = 0;
        while (start < n && isWhitespace(body[start])) {
            start++;
        }
        String head = new String(body, start, n - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        String upper = head.toUpperCase(Locale.ROOT);
        for (String tag : HTML_TAGS) {
            if (upper.startsWith(tag) && upper.length() > tag.length()) {
                char next = upper.charAt(tag.length());
                if (next == ' ' || next == '>') {
                    return "text/html; charset=utf-8";
                }
            }
        }
        if (head.startsWith("<?xml")) {
            return "text/xml; charset=utf-8";
        }
        for (int i = 0; i < n; i++) {
            int b = body[i] & 0xFF;
            if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) {
                return "application/octet-stream";
            }
        }
        return "text/plain; charset=utf-8";
    }

    private static boolean isWhitespace(byte b) {
        return b == '\t' || b == '\n' || b == 0x0C || b == '\r' || b == ' ';
    }
}
