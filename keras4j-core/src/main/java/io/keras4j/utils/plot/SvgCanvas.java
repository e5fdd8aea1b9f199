package io.keras4j.utils.plot;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A small SVG 1.1 writer: rectangles, polylines, polygons, circles and text, sizes in points. */
final class SvgCanvas extends Canvas {
    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(double width, double height) {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(width)).append("pt\" height=\"")
                .append(n(height)).append("pt\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height)).append("\">\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String color(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    private String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        return b.toString();
    }

    @Override
    void rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth, boolean dashed) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : color(fill)).append('"');
        if (stroke != null) {
            svg.append(" stroke=\"").append(color(stroke)).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
            if (dashed) {
                svg.append(" stroke-dasharray=\"5,3\"");
            }
        }
        svg.append("/>\n");
    }

    @Override
    void polyline(double[] xs, double[] ys, Color color, double width) {
        svg.append("<polyline points=\"").append(points(xs, ys)).append("\" fill=\"none\" stroke=\"").append(color(color))
                .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
    }

    @Override
    void polygon(double[] xs, double[] ys, Color fill) {
        svg.append("<polygon points=\"").append(points(xs, ys)).append("\" fill=\"").append(color(fill)).append("\"/>\n");
    }

    @Override
    void circle(double cx, double cy, double r, Color fill) {
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(color(fill)).append("\"/>\n");
    }

    @Override
    void text(double x, double y, List<Text.Run> runs, double size, Color color, Anchor anchor, boolean vertical) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
        if (vertical) {
            svg.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        svg.append(" font-family=\"'").append(Text.family()).append("', Verdana, sans-serif\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(color(color)).append('"');
        if (anchor != Anchor.START) {
            svg.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        svg.append(" xml:space=\"preserve\">");
        for (Text.Run r : runs) {
            if (r.bold()) {
                svg.append("<tspan font-weight=\"bold\">").append(escape(r.text())).append("</tspan>");
            } else {
                svg.append(escape(r.text()));
            }
        }
        svg.append("</text>\n");
    }

    @Override
    byte[] encode() {
        return (svg + "</svg>\n").getBytes(StandardCharsets.UTF_8);
    }
}
