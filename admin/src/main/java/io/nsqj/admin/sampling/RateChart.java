package io.nsqj.admin.sampling;

import java.util.List;
import java.util.Locale;

/**
 * A rate graph as inline SVG, drawn on the server: the pages need no JavaScript library and no network to show
 * one. The y axis starts at 0 and ends at the highest rate in the window.
 */
public final class RateChart {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int LEFT = 60;
    private static final int BOTTOM = 18;

    private RateChart() {
    }

    public static String svg(String title, List<Double> rates, int slots) {
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max <= 0 ? 1 : max * 1.1;
        int plotWidth = WIDTH - LEFT - 10;
        int plotHeight = HEIGHT - BOTTOM - 20;
        StringBuilder points = new StringBuilder();
        int n = rates.size();
        for (int i = 0; i < n; i++) {
            // the newest sample sits at the right edge; a short history fills from the right
            double x = LEFT + plotWidth - (double) (n - 1 - i) * plotWidth / Math.max(1, slots - 1);
            double y = 20 + plotHeight - rates.get(i) / top * plotHeight;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        String last = n == 0 ? "no samples yet" : String.format(Locale.ROOT, "%.1f msg/s now", rates.get(n - 1));
        return "<svg class=\"rate-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + escape(title) + "\">"
                + "<rect x=\"" + LEFT + "\" y=\"20\" width=\"" + plotWidth + "\" height=\"" + plotHeight
                + "\" fill=\"#f8f9fb\" stroke=\"#d0d4da\"/>"
                + "<text x=\"" + LEFT + "\" y=\"13\" font-size=\"12\" fill=\"#333\">" + escape(title) + " — " + last + "</text>"
                + "<text x=\"" + (LEFT - 6) + "\" y=\"26\" font-size=\"10\" text-anchor=\"end\" fill=\"#666\">"
                + String.format(Locale.ROOT, "%.1f", top) + "</text>"
                + "<text x=\"" + (LEFT - 6) + "\" y=\"" + (20 + plotHeight) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"#666\">0</text>"
                + "<text x=\"" + (LEFT + plotWidth) + "\" y=\"" + (HEIGHT - 4) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"#666\">now</text>"
                + (n > 1 ? "<polyline fill=\"none\" stroke=\"#2a6ebb\" stroke-width=\"2\" points=\"" + points.toString().strip() + "\"/>" : "")
                + "</svg>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
