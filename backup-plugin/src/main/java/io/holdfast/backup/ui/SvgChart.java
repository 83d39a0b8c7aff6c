package io.holdfast.backup.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Small charts drawn as SVG on the server (the product ships no custom frontend, so no chart library runs in
 * the browser). Pure: text in, text out. Each point and bar carries a {@code <title>}, which browsers show
 * as a tooltip and screen readers read.
 */
public final class SvgChart {

    /** Lumo-like colours that stay readable for the common colour-vision deficiencies. */
    private static final String[] COLOURS = {"#1676f3", "#e8710a", "#0b8f58", "#9334e6"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private SvgChart() {
    }

    /** The chart as a component as wide as its column allows, up to its drawn width. */
    public static com.vaadin.flow.component.Svg component(String svg) {
        com.vaadin.flow.component.Svg component = new com.vaadin.flow.component.Svg(svg);
        component.getElement().getStyle().set("width", "100%").set("max-width", WIDTH + "px").set("display", "block");
        return component;
    }

    /** One line of a line chart: a value per x label. */
    public record Series(String name, List<Double> values) {
        public Series {
            values = List.copyOf(values);
        }
    }

    /** One bar of a bar chart. */
    public record Bar(String label, double value) {
    }

    /**
     * A line chart; every series has one value per label. {@code format} writes an axis value
     * (e.g. "1.5 GiB").
     */
    public static String lines(String title, List<String> xLabels, List<Series> series, DoubleFunction<String> format) {
        double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        int n = xLabels.size();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = open(title);
        axis(svg, top, format);
        for (int i = 0; i < n; i++) {
            // about six x labels, whatever the number of points
            if (n <= 6 || i % Math.ceil(n / 6.0) == 0 || i == n - 1) {
                svg.append(text(x(i, n, plotWidth), HEIGHT - BOTTOM + 16, "middle", xLabels.get(i)));
            }
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < Math.min(n, line.values().size()); i++) {
                double px = x(i, n, plotWidth);
                double py = TOP + plotHeight - line.values().get(i) / top * plotHeight;
                points.append(num(px)).append(',').append(num(py)).append(' ');
                dots.append("<circle cx='").append(num(px)).append("' cy='").append(num(py)).append("' r='3' fill='").append(colour)
                        .append("'><title>").append(escape(line.name() + ", " + xLabels.get(i) + ": " + format.apply(line.values().get(i))))
                        .append("</title></circle>");
            }
            svg.append("<polyline fill='none' stroke-width='2' stroke='").append(colour).append("' points='")
                    .append(points.toString().strip()).append("'/>").append(dots);
            svg.append("<rect x='").append(LEFT + s * 150).append("' y='8' width='12' height='12' fill='").append(colour).append("'/>")
                    .append(text(LEFT + s * 150 + 16, 18, "start", line.name()));
        }
        return svg.append("</svg>").toString();
    }

    /** A horizontal bar chart, largest first as given. */
    public static String bars(String title, List<Bar> bars, DoubleFunction<String> format) {
        int rowHeight = 26;
        int height = TOP + Math.max(1, bars.size()) * rowHeight + 10;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        int labelWidth = 160;
        double plotWidth = WIDTH - labelWidth - 110;
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 ")
                .append(WIDTH).append(' ').append(height).append("' style='width:100%;max-width:").append(WIDTH)
                .append("px;height:auto;font:12px sans-serif'><title>").append(escape(title)).append("</title>");
        svg.append(text(0, 16, "start", title).replace("<text ", "<text font-weight='bold' "));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * rowHeight;
            double w = Math.max(1, bar.value() / top * plotWidth);
            svg.append(text(labelWidth - 8, y + 15, "end", shorten(bar.label(), 24)));
            svg.append("<rect x='").append(labelWidth).append("' y='").append(num(y + 3)).append("' width='").append(num(w))
                    .append("' height='").append(rowHeight - 8).append("' fill='").append(COLOURS[0]).append("'><title>")
                    .append(escape(bar.label() + ": " + format.apply(bar.value()))).append("</title></rect>");
            svg.append(text(labelWidth + w + 6, y + 15, "start", format.apply(bar.value())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("' style='width:100%;max-width:").append(WIDTH).append("px;height:auto;font:12px sans-serif'>")
                .append("<title>").append(escape(title)).append("</title>");
    }

    private static void axis(StringBuilder svg, double top, DoubleFunction<String> format) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int step = 0; step <= 4; step++) {
            double y = TOP + plotHeight - step * plotHeight / 4;
            svg.append("<line x1='").append(LEFT).append("' x2='").append(WIDTH - RIGHT).append("' y1='").append(num(y))
                    .append("' y2='").append(num(y)).append("' stroke='#ddd'/>");
            svg.append(text(LEFT - 6, y + 4, "end", format.apply(top * step / 4)));
        }
    }

    private static double x(int i, int n, double plotWidth) {
        return n <= 1 ? LEFT + plotWidth / 2 : LEFT + i * plotWidth / (n - 1);
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x='" + num(x) + "' y='" + num(y) + "' text-anchor='" + anchor + "' fill='#333'>" + escape(content) + "</text>";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for SVG: names come from users (instances, tenants, storages). */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
