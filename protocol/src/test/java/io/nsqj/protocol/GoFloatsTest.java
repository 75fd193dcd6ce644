package io.nsqj.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoFloatsTest {
    @Test
    void floatsAreWrittenAsGoWritesThem() {
        assertEquals("1.5", GoFloats.format(1.5));
        assertEquals("100000000", GoFloats.format(1e8));
        assertEquals("1e+21", GoFloats.format(1e21));
        assertEquals("1.5e-7", GoFloats.format(1.5e-7));
        assertEquals("-0.000001", GoFloats.format(-1e-6));
        assertEquals("0", GoFloats.format(0.0));
        assertEquals("null", GoFloats.format(Double.NaN));
    }
}
