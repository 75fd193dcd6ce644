package io.nsqj.protocol.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Date header as Go's net/http writes it on every answer (http.TimeFormat, in UTC). */
public final class HttpDate {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private HttpDate() {
    }

    public static String now() {
        return format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    static String format(ZonedDateTime utc) {
        return FORMAT.format(utc);
    }
}
