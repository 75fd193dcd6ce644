package io.nsqj.protocol;

import java.math.BigDecimal;

/** A float64 as Go's encoding/json writes it: shortest digits, plain notation unless tiny or huge. */
public final class GoFloats {
    private GoFloats() {
    }

    public static String format(Double value) {
        double d = value == null ? 0 : value;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null"; // Go refuses to encode these; null keeps the document valid
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        sb.append(exponent > 0 && e < 10 ? "0" + e : Integer.toString(e));
        return sb.toString();
    }
}
