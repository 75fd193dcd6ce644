package io.nsqj.broker.http;

/** Go's strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only, no overflow. */
final class GoInts {
    private GoInts() {
    }

    /** Returns null where Go returns an error. */
    static Long parseBase10(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
            if (s.length() == 1) {
                return null;
            }
        }
        long value = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            int d = c - '0';
            // accumulate negatively so that Long.MIN_VALUE fits
            if (value < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            value = -value;
        }
        return value;
    }

    /** Go's strconv.Atoi error text for the string, as "strconv.Atoi: parsing "x": invalid syntax". */
    static String atoiError(String s) {
        String reason = "invalid syntax";
        if (s != null && !s.isEmpty()) {
            String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
            if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                reason = "value out of range";
            }
        }
        return "strconv.Atoi: parsing " + io.nsqj.protocol.GoStrings.quote(s == null ? "" : s) + ": " + reason;
    }
}
