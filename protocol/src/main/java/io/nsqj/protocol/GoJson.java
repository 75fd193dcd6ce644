package io.nsqj.protocol;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Writes JSON byte-for-byte as Go's encoding/json does, so answers read exactly like the Go daemons' answers:
 * no spaces, and strings escaped as Go before 1.22 escapes them (NSQ 1.3.0 was released before Go 1.22):
 * HTML characters, U+2028/U+2029 and control characters other than \n, \r and \t (so \b and \f too) as
 * {@code \\uXXXX}, lone surrogates (what invalid UTF-8 is to Go) as {@code \\ufffd}.
 * <p>
 * Keys are written in the order the caller writes them: in Go's key order (sorted) where Go marshals a map,
 * in field order where it marshals a struct.
 */
public final class GoJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    /** For each open object or array: whether a value was already written in it. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public GoJson beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    public GoJson endObject() {
        open.pop();
        out.append('}');
        return this;
    }

    public GoJson beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    public GoJson endArray() {
        open.pop();
        out.append(']');
        return this;
    }

    public GoJson name(String name) {
        beforeValue();
        appendString(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public GoJson value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            appendString(s);
        }
        return this;
    }

    public GoJson value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    public GoJson value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    /** A number already in Go's notation. */
    public GoJson rawNumber(String number) {
        beforeValue();
        out.append(number);
        return this;
    }

    public GoJson nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** A Go []string: null stays null. */
    public GoJson stringArray(Collection<String> values) {
        if (values == null) {
            return nullValue();
        }
        beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] state = open.peek();
        if (state != null) {
            if (state[0]) {
                out.append(',');
            }
            state[0] = true;
        }
    }

    private void appendString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
