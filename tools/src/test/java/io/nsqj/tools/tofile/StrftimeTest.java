package io.nsqj.tools.tofile;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StrftimeTest {
    private static final ZonedDateTime T = ZonedDateTime.of(2024, 3, 7, 15, 4, 5, 0, ZoneId.of("UTC"));

    @Test
    void theDefaultFormatIsDateAndHour() {
        assertEquals("2024-03-07_15", Strftime.format("%Y-%m-%d_%H", T));
    }

    @Test
    void everyDirectiveNsqKnows() {
        assertEquals("24 March Mar Thursday Thu 03 04 05 PM UTC +0000 %",
                Strftime.format("%y %B %b %A %a %I %M %S %p %Z %z %%", T));
    }

    @Test
    void anUnknownDirectiveAndATrailingPercentStayAsWritten() {
        assertEquals("%q-2024%", Strftime.format("%q-%Y%", T));
    }

    @Test
    void literalTextStaysAsWritten() {
        assertEquals("v1-Jan-2024", Strftime.format("v1-Jan-%Y", T));
    }
}
