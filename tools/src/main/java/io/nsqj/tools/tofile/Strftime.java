package io.nsqj.tools.tofile;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The strftime subset nsq_to_file's {@code -datetime-format} understands (NSQ copies jehiah/go-strftime):
 * %Y %y %m %B %b %d %A %a %H %I %M %S %p %Z %z %%. Any other {@code %x} is kept as written.
 *
 * <p>Literal text is kept as written too. Go's copy turns the format into a Go time layout, so literal
 * digits or words of the reference time ("1", "Jan", "PM") would come out as date fields there; nobody names
 * files on purpose that way, and keeping them is what a strftime user expects.
 */
final class Strftime {
    private static final Map<Character, DateTimeFormatter> DIRECTIVES = Map.ofEntries(
            Map.entry('Y', pattern("uuuu")),
            Map.entry('y', pattern("uu")),
            Map.entry('m', pattern("MM")),
            Map.entry('B', pattern("MMMM")),
            Map.entry('b', pattern("MMM")),
            Map.entry('d', pattern("dd")),
            Map.entry('A', pattern("EEEE")),
            Map.entry('a', pattern("EEE")),
            Map.entry('H', pattern("HH")),
            Map.entry('I', pattern("hh")),
            Map.entry('M', pattern("mm")),
            Map.entry('S', pattern("ss")),
            Map.entry('p', pattern("a")),
            Map.entry('Z', pattern("zzz")),
            Map.entry('z', pattern("xx")));

    private Strftime() {
    }

    private static DateTimeFormatter pattern(String p) {
        return DateTimeFormatter.ofPattern(p, Locale.ENGLISH);
    }

    static String format(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char directive = format.charAt(i + 1);
                if (directive == '%') {
                    out.append('%');
                    i++;
                    continue;
                }
                DateTimeFormatter f = DIRECTIVES.get(directive);
                if (f != null) {
                    out.append(f.format(t));
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
