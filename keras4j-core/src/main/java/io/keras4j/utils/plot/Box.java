package io.keras4j.utils.plot;

import java.awt.Color;
import java.util.List;

/**
 * One layer's box, drawn as Keras's {@code make_layer_label} HTML table: a black header row with the layer's
 * (name and) class in white 16 pt, an optional "Activation: relu" row, then a row of 14 pt cells (input and
 * output shape, output dtype, trainable), cell padding 10 pt, cell spacing 2 pt. Sizes in points.
 */
final class Box {
    static final double HEADER_SIZE = 16;
    static final double CELL_SIZE = 14;
    private static final double PAD = 10;
    private static final double SPACING = 2;
    static final Color TRAINABLE = new Color(0x22, 0x8b, 0x22);
    static final Color NON_TRAINABLE = new Color(0xb2, 0x22, 0x22);

    /** A table cell: its text, its background and its text color. */
    record Cell(List<Text.Run> runs, Color fill, Color color) {
    }

    private final List<Text.Run> header;
    private final List<Text.Run> activation;
    private final List<Cell> cells;
    final double width;
    final double height;

    Box(List<Text.Run> header, List<Text.Run> activation, List<Cell> cells) {
        this.header = header;
        this.activation = activation;
        this.cells = cells;
        double inner = Text.width(header, HEADER_SIZE) + 2 * PAD;
        if (activation != null) {
            inner = Math.max(inner, Text.width(activation, CELL_SIZE) + 2 * PAD);
        }
        inner = Math.max(inner, cellsWidth());
        width = inner + 2 * SPACING;
        double h = SPACING + headerHeight() + SPACING;
        if (activation != null) {
            h += cellHeight() + SPACING;
        }
        if (!cells.isEmpty()) {
            h += cellHeight() + SPACING;
        }
        height = h;
    }

    private double cellsWidth() {
        double w = 0;
        for (Cell c : cells) {
            w += Text.width(c.runs(), CELL_SIZE) + 2 * PAD;
        }
        return w + SPACING * Math.max(0, cells.size() - 1);
    }

    private static double headerHeight() {
        return Text.height(HEADER_SIZE) + 2 * PAD;
    }

    private static double cellHeight() {
        return Text.height(CELL_SIZE) + 2 * PAD;
    }

    void draw(Canvas canvas, double x, double y) {
        canvas.rect(x, y, width, height, Color.BLACK, null, 0, false);
        double inner = width - 2 * SPACING;
        double row = y + SPACING;
        label(canvas, x + width / 2, row, headerHeight(), header, HEADER_SIZE, Color.WHITE);
        row += headerHeight() + SPACING;
        if (activation != null) {
            canvas.rect(x + SPACING, row, inner, cellHeight(), Color.WHITE, null, 0, false);
            label(canvas, x + width / 2, row, cellHeight(), activation, CELL_SIZE, Color.BLACK);
            row += cellHeight() + SPACING;
        }
        if (!cells.isEmpty()) {
            double extra = (inner - cellsWidth()) / cells.size();
            double cx = x + SPACING;
            for (Cell c : cells) {
                double w = Text.width(c.runs(), CELL_SIZE) + 2 * PAD + extra;
                canvas.rect(cx, row, w, cellHeight(), c.fill(), null, 0, false);
                label(canvas, cx + w / 2, row, cellHeight(), c.runs(), CELL_SIZE, c.color());
                cx += w + SPACING;
            }
        }
    }

    private static void label(Canvas canvas, double cx, double top, double rowHeight, List<Text.Run> runs, double size, Color color) {
        double baseline = top + (rowHeight - Text.height(size)) / 2 + Text.ascent(size);
        canvas.text(cx, baseline, runs, size, color, Canvas.Anchor.MIDDLE, false);
    }
}
