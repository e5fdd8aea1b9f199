package io.keras4j.utils.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a figure draws on, in points (1/72 inch) from the top left corner: a PNG ({@link PngCanvas}, pixels =
 * points x dpi / 72) or an SVG ({@link SvgCanvas}), chosen by the file extension.
 */
abstract class Canvas {
    enum Anchor { START, MIDDLE, END }

    /**
     * A canvas for {@code path}: {@code .png} or {@code .svg} (case-insensitive).
     *
     * @throws IllegalArgumentException for another extension
     */
    static Canvas forPath(Path path, double width, double height, double dpi, String caller) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return new PngCanvas(width, height, dpi);
        }
        if (name.endsWith(".svg")) {
            return new SvgCanvas(width, height);
        }
        throw new IllegalArgumentException(caller + ": expected a file name ending in .png or .svg, got '" + path + "'");
    }

    abstract void rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth, boolean dashed);

    abstract void polyline(double[] xs, double[] ys, Color color, double width);

    abstract void polygon(double[] xs, double[] ys, Color fill);

    abstract void circle(double cx, double cy, double r, Color fill);

    /** A line of text whose baseline starts, is centered or ends at (x, y); vertical text reads bottom to top. */
    abstract void text(double x, double y, List<Text.Run> runs, double size, Color color, Anchor anchor, boolean vertical);

    /** The encoded file. */
    abstract byte[] encode() throws IOException;

    /** Writes the file through a temporary file beside it, so a failure never leaves a half-written image. */
    final void write(Path path) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            byte[] bytes = encode();
            // a fresh name beside the target, created with the default permissions (createTempFile's are owner-only)
            tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new UncheckedIOException("cannot write " + path + ": " + e, e);
        }
    }
}
