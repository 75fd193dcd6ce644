package io.nsqj.broker.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON body read as Go's json.Unmarshal reads it into a []string that already holds values, as nsqd's
 * doConfig does for nsqlookupd_tcp_addresses: JSON null gives Go's nil slice (null here), an array of strings
 * the new slice; anything else, malformed or of another type, is the error nsqd answers INVALID_VALUE to.
 * Only JSON's own syntax is accepted: no comments, no trailing commas, nothing after the value.
 */
final class GoStringSlice {
    private final String text;
    private final List<String> current;
    private int pos;

    private GoStringSlice(String text, List<String> current) {
        this.text = text;
        this.current = current;
    }

    /**
     * @param current the slice Go decodes into: a null element leaves what Go's decoder finds at its index, the
     *                current string there, else the empty string
     * @return the decoded strings, or null for JSON null
     * @throws IllegalArgumentException where json.Unmarshal returns an error
     */
    static List<String> unmarshal(String json, List<String> current) {
        GoStringSlice p = new GoStringSlice(json, current);
        p.skipSpace();
        List<String> value = p.literalNull() ? null : p.array();
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("after top-level value");
        }
        return value;
    }

    private List<String> array() {
        expect('[');
        List<String> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            if (literalNull()) {
                int i = out.size();
                out.add(current != null && i < current.size() ? current.get(i) : "");
            } else {
                out.add(string());
            }
            skipSpace();
            if (peek() == ']') {
                pos++;
                return out;
            }
            expect(',');
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("in string literal");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> throw error("in string escape code");
            }
        }
    }

    /** A \\u escape; a surrogate that does not pair with a following \\u escape becomes U+FFFD, as in Go. */
    private String unicodeEscape() {
        char c = (char) hex4();
        if (!Character.isSurrogate(c)) {
            return String.valueOf(c);
        }
        if (Character.isHighSurrogate(c) && text.startsWith("\\u", pos)) {
            int save = pos;
            pos += 2;
            char low = (char) hex4();
            if (Character.isLowSurrogate(low)) {
                return new String(new char[] {c, low});
            }
            pos = save;
        }
        return "\ufffd";
    }

    private int hex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char c = next();
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw error("in \\u hexadecimal character escape");
            }
            v = v << 4 | d;
        }
        return v;
    }

    private boolean literalNull() {
        if (text.startsWith("null", pos)) {
            pos += 4;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("looking for '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a JSON []string: " + what + " at offset " + pos);
    }
}
