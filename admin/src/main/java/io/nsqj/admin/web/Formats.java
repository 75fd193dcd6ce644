package io.nsqj.admin.web;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Locale;

/** Template helpers: numbers as nsqadmin prints them, names made safe inside a URL path (#ephemeral). */
@TemplateExtension
final class Formats {
    private Formats() {
    }

    static String commas(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
