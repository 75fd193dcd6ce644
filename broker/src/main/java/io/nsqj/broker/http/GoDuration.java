package io.nsqj.broker.http;

/** Go's time.Duration.String(): "0s", "1.5ms", "2m3.25s", "1h0m0s". */
final class GoDuration {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    static String format(long nanos) {
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
                sb.append(u / MICRO).append(fraction(u % MICRO, 3)).append("µs");
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
