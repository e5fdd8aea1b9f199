package io.keras4j.cli;

import io.keras4j.backend.Backend;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Node;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code keras4j inspect MODEL}: the writer (Keras version, backend), the layers (class, output shape, parameters),
 * every weight with its shape, dtype and statistics (min, max, mean, population standard deviation as NumPy's
 * {@code std}) and the training config stored in the file.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the layers, weights with statistics, training config and the Keras version that wrote the file.")
final class InspectCommand implements Runnable {
    @Mixin
    ModelArgument file;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Model model = ModelFiles.load(file.model, file.weights, false);
        ModelFiles.Info info = ModelFiles.info(file.model);
        PrintWriter out = spec.commandLine().getOut();
        long bytes;
        try {
            bytes = Files.size(file.model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.model + ": " + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "File: %s (%s, %,d bytes)%n", file.model, kindName(ModelFiles.kind(file.model)), bytes);
        out.println("Written by: " + (info.kerasVersion().isEmpty() ? "not recorded in the file"
                : "Keras " + info.kerasVersion() + (info.backend().isEmpty() ? "" : " (backend " + info.backend() + ")")));
        out.printf(Locale.ROOT, "Model: \"%s\" (%s), %d layers, %,d parameters%n", model.name(), model.className(),
                model.layers().size(), model.countParams());
        out.println();
        out.println("Layers:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"name", "class", "output shape", "params"});
        for (Layer layer : model.layers()) {
            rows.add(new String[]{layer.name(), layer.className(), outputShape(layer), String.format(Locale.ROOT, "%,d", layer.countParams())});
        }
        table(out, rows, new boolean[]{false, false, false, true});
        out.println();
        out.println("Weights:");
        if (ModelFiles.kind(file.model) == ModelFiles.Kind.JSON && !Files.isRegularFile(ModelFiles.weightsFor(file.model, file.weights))) {
            out.println("  not loaded: a .json file holds the architecture only (no " + ModelFiles.weightsFor(file.model, null).getFileName()
                    + " beside it; give --weights FILE.weights.h5)");
            printTrainingConfig(out, info);
            return;
        }
        rows = new ArrayList<>();
        rows.add(new String[]{"path", "shape", "dtype", "trainable", "min", "max", "mean", "std"});
        for (Variable v : model.weights()) {
            double[] s = stats(v);
            rows.add(new String[]{v.path(), Shapes.format(v.value().shape()).replace("None", "?"), Backend.dtypeName(v.value().dataType()),
                    v.trainable() ? "yes" : "no", num(s[0]), num(s[1]), num(s[2]), num(s[3])});
        }
        if (rows.size() == 1) {
            out.println("  (none)");
        } else {
            table(out, rows, new boolean[]{false, false, false, false, true, true, true, true});
        }
        printTrainingConfig(out, info);
    }

    private static void printTrainingConfig(PrintWriter out, ModelFiles.Info info) {
        out.println();
        out.println("Training config: " + (info.trainingConfig().isEmpty() ? "none (saved without compiling)" : info.trainingConfig()));
        out.flush();
    }

    private static String kindName(ModelFiles.Kind kind) {
        return switch (kind) {
            case KERAS -> "Keras archive";
            case H5 -> "legacy HDF5 model";
            case JSON -> "JSON architecture";
            case WEIGHTS -> "weights";
        };
    }

    private static String outputShape(Layer layer) {
        for (Node n : layer.inboundNodes()) {
            if (n.outputs() != null && !n.outputs().isEmpty()) {
                List<long[]> shapes = new ArrayList<>();
                n.outputs().forEach(t -> shapes.add(t.shape()));
                return Shapes.format(shapes);
            }
        }
        return layer instanceof io.keras4j.engine.InputLayer in ? Shapes.format(in.batchShape()) : "?";
    }

    /** min, max, mean and population standard deviation, in double precision. */
    static double[] stats(Variable v) {
        double[] values = v.value().castTo(DataType.DOUBLE).data().asDouble();
        if (values.length == 0) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double x : values) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double x : values) {
            squares += (x - mean) * (x - mean);
        }
        return new double[]{min, max, mean, Math.sqrt(squares / values.length)};
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    private static void table(PrintWriter out, List<String[]> rows, boolean[] right) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(widths[i] - r[i].length());
                b.append(' ').append(right[i] ? pad + r[i] : r[i] + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
