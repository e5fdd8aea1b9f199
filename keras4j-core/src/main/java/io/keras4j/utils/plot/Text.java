package io.keras4j.utils.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * The sans-serif font both renderers use, measured with Java2D so that boxes fit their text in the PNG and in
 * the SVG (which names the same family first). Sizes are in points.
 */
final class Text {
    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);
    private static final Font BASE = pickFont();

    private Text() {
    }

    /** A piece of a text line, bold or not ("Output shape: " then bold "(None, 10)"). */
    record Run(String text, boolean bold) {
        static List<Run> of(String text) {
            return List.of(new Run(text, false));
        }
    }

    private static Font pickFont() {
        Font dejaVu = new Font("DejaVu Sans", Font.PLAIN, 12);
        return "DejaVu Sans".equals(dejaVu.getFamily()) ? dejaVu : new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }

    /** The family name the SVG asks for first: the font the text was measured with. */
    static String family() {
        return BASE.getFamily();
    }

    static Font font(double size, boolean bold) {
        return BASE.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size);
    }

    static double width(String text, double size, boolean bold) {
        return font(size, bold).getStringBounds(text, FRC).getWidth();
    }

    static double width(List<Run> runs, double size) {
        double w = 0;
        for (Run r : runs) {
            w += width(r.text(), size, r.bold());
        }
        return w;
    }

    /** The height of a line: ascent plus descent. */
    static double height(double size) {
        return font(size, false).getLineMetrics("Ag", FRC).getAscent() + font(size, false).getLineMetrics("Ag", FRC).getDescent();
    }

    /** The distance from the top of a line to its baseline. */
    static double ascent(double size) {
        return font(size, false).getLineMetrics("Ag", FRC).getAscent();
    }
}
