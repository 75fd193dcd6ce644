package io.nsqj.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Go's time.Duration as text: {@link #parse} reads it as time.ParseDuration does ("300s", "1m30s", "1.5h"), so
 * duration flags read as in NSQ's daemons; {@link #format} writes it as Duration.String does ("0s", "1.5ms",
 * "2m3.25s", "1h0m0s"), as NSQ's logs and /stats text show it.
 */
public final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isNumberChar(s.charAt(i))) {
                i++;
            }
            String number = s.substring(numberStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !isNumberChar(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoStrings.quote(text));
            }
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoStrings.quote(unit) + " in duration "
                        + GoStrings.quote(text));
            }
            String normalized = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
            total = total.add(new BigDecimal(normalized).multiply(BigDecimal.valueOf(nanos)));
            if (total.compareTo(MAX_NANOS) > 0) {
                throw invalid(text);
            }
        }
        long nanos = total.setScale(0, RoundingMode.DOWN).longValueExact();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoStrings.quote(text));
    }

    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder sb = new StringBuilder(24);
        if (u < SECOND) {
            if (u < MICRO) {
                sb.append(u).append("ns");
            } else if (u < MILLI) {
                sb.append(u / MICRO).append(fraction(u % MICRO, 3)).append("\u00b5s");
            } else {
                sb.append(u / MILLI).append(fraction(u % MILLI, 6)).append("ms");
            }
        } else {
            long seconds = u / SECOND;
            String secondsPart = (seconds % 60) + fraction(u % SECOND, 9) + "s";
            long minutes = seconds / 60;
            if (minutes > 0) {
                long hours = minutes / 60;
                if (hours > 0) {
                    sb.append(hours).append('h');
                }
                sb.append(minutes % 60).append('m');
            }
            sb.append(secondsPart);
        }
        return negative ? "-" + sb : sb.toString();
    }

    /** ".25" for 250 with 3 digits of precision; trailing zeros and an all-zero fraction are dropped. */
    private static String fraction(long value, int digits) {
        if (value == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder(Long.toString(value));
        while (s.length() < digits) {
            s.insert(0, '0');
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return "." + s.substring(0, end);
    }
}
