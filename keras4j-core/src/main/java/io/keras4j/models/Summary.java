package io.keras4j.models;

import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Node;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code model.summary()} table, as keras/src/utils/summary_utils.py {@code print_summary} renders it
 * without a terminal: layer name and type, output shape, parameter count, and for non-sequential
 * functional models the inbound connections; then total, trainable and non-trainable counts with sizes.
 */
final class Summary {
    private Summary() {
    }

    static String of(Model model) {
        List<Layer> layers = model.layers();
        boolean sequentialLike = model instanceof Sequential || !model.isGraphBuilt() || isSequentialLike(model);
        int lineLength = sequentialLike ? 88 : 108;
        double[] positions = sequentialLike ? new double[]{0.45, 0.80, 1.0} : new double[]{0.3, 0.56, 0.74, 1.0};
        String[] header = sequentialLike ? new String[]{"Layer (type)", "Output Shape", "Param #"}
                : new String[]{"Layer (type)", "Output Shape", "Param #", "Connected to"};
        int[] widths = new int[positions.length];
        int current = 0;
        for (int i = 0; i < positions.length; i++) {
            widths[i] = (int) (positions[i] * lineLength) - current;
            current += widths[i];
        }
        int[] cell = fitToWidth(widths, lineLength);
        List<String[]> rows = new ArrayList<>();
        for (Layer layer : layers) {
            String[] row = new String[header.length];
            row[0] = layer.name() + " (" + layer.className() + ")";
            row[1] = outputShape(model, layer);
            row[2] = layer.built() || layer instanceof Model ? String.format(Locale.ROOT, "%,d", layer.countParams()) : "0 (unbuilt)";
            if (!sequentialLike) {
                row[3] = connections(layer);
            }
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(model.name()).append("\"\n");
        out.append(border('\u250f', '\u2501', '\u2533', '\u2513', cell));
        boolean[] right = new boolean[header.length];
        right[2] = true;
        out.append(line('\u2503', header, cell, right));
        out.append(border('\u2521', '\u2501', '\u2547', '\u2529', cell));
        for (int r = 0; r < rows.size(); r++) {
            out.append(line('\u2502', rows.get(r), cell, right));
            if (r < rows.size() - 1) {
                out.append(border('\u251c', '\u2500', '\u253c', '\u2524', cell));
            }
        }
        out.append(border('\u2514', '\u2500', '\u2534', '\u2518', cell));
        long trainable = count(model.trainableWeights());
        long nonTrainable = count(model.nonTrainableWeights());
        long trainableBytes = bytes(model.trainableWeights());
        long nonTrainableBytes = bytes(model.nonTrainableWeights());
        out.append(String.format(Locale.ROOT, " Total params: %,d (%s)%n", trainable + nonTrainable, readable(trainableBytes + nonTrainableBytes)));
        out.append(String.format(Locale.ROOT, " Trainable params: %,d (%s)%n", trainable, readable(trainableBytes)));
        out.append(String.format(Locale.ROOT, " Non-trainable params: %,d (%s)%n", nonTrainable, readable(nonTrainableBytes)));
        return out.toString();
    }

    private static boolean isSequentialLike(Model model) {
        for (Node node : model.graph().nodes()) {
            if (node.inputs().size() > 1) {
                return false;
            }
        }
        return model.inputs().size() == 1 && model.outputs().size() == 1
                && model.graph().nodes().size() == model.layers().size() - 1;
    }

    /**
     * The content width of each column once the table (borders and one space of padding on each side of each
     * cell included) is fitted into {@code lineLength}, as rich's {@code ratio_reduce} shrinks the columns:
     * the excess is taken from the columns in turn, each giving round(excess left / columns left).
     */
    private static int[] fitToWidth(int[] widths, int lineLength) {
        int total = widths.length + 1;
        for (int w : widths) {
            total += w + 2;
        }
        int excess = Math.max(0, total - lineLength);
        int[] cell = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            int share = (int) Math.rint((double) excess / (widths.length - i));
            cell[i] = widths[i] - share;
            excess -= share;
        }
        return cell;
    }

    private static String outputShape(Model model, Layer layer) {
        List<long[]> shapes = new ArrayList<>();
        for (Node node : layer.inboundNodes().isEmpty() ? List.<Node>of() : layer.inboundNodes()) {
            if (node.outputs() != null) {
                for (KerasTensor t : node.outputs()) {
                    shapes.add(t.shape());
                }
                break;
            }
        }
        if (shapes.isEmpty() && layer instanceof io.keras4j.engine.InputLayer) {
            shapes.add(((io.keras4j.engine.InputLayer) layer).batchShape());
        }
        if (shapes.isEmpty() && layer.firstCallShapes() != null) {
            shapes.addAll(layer.computeOutputShapes(layer.firstCallShapes()));
        }
        return shapes.isEmpty() ? "?" : Shapes.format(shapes);
    }

    private static String connections(Layer layer) {
        List<String> parts = new ArrayList<>();
        for (Node node : layer.inboundNodes()) {
            for (KerasTensor t : node.inputs()) {
                Layer from = t.node().layer();
                parts.add(from.name() + "[" + Math.max(0, from.inboundNodes().indexOf(t.node())) + "][" + t.index() + "]");
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String border(char left, char fill, char mid, char right, int[] cell) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < cell.length; i++) {
            b.append(String.valueOf(fill).repeat(cell[i] + 2)).append(i == cell.length - 1 ? right : mid);
        }
        return b.append('\n').toString();
    }

    private static String line(char sep, String[] values, int[] cell, boolean[] right) {
        StringBuilder b = new StringBuilder().append(sep);
        for (int i = 0; i < cell.length; i++) {
            String v = values[i].length() > cell[i] ? values[i].substring(0, cell[i] - 1) + "\u2026" : values[i];
            String pad = " ".repeat(cell[i] - v.length());
            b.append(' ').append(right[i] ? pad + v : v + pad).append(' ').append(sep);
        }
        return b.append('\n').toString();
    }

    private static long count(List<Variable> vars) {
        long n = 0;
        for (Variable v : vars) {
            n += v.value().length();
        }
        return n;
    }

    private static long bytes(List<Variable> vars) {
        long n = 0;
        for (Variable v : vars) {
            n += v.value().length() * v.value().dataType().width();
        }
        return n;
    }

    /** As summary_utils {@code readable_memory_size}: "1.55 MB", "0.00 B". */
    static String readable(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", size, units[unit]);
    }
}
