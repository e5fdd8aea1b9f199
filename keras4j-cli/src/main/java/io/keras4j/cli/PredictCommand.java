package io.keras4j.cli;

import io.keras4j.backend.Backend;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Shapes;
import io.keras4j.models.Model;
import io.keras4j.saving.Npy;
import io.keras4j.saving.Npz;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras4j predict MODEL --input x.npy [--output y.npy]}: {@code model.predict} on NumPy arrays. Inputs: one
 * {@code .npy} per model input (repeat {@code --input}, in {@code model.inputs} order), or one {@code .npz} whose
 * arrays are named after the model's inputs (or, if the names differ, exactly one array per input, in order).
 * Outputs: a {@code .npy} for a single-output model, a {@code .npz} named after the output layers, or printed.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Run the model on NumPy arrays (.npy, .npz).")
final class PredictCommand implements Runnable {
    @Mixin
    ModelArgument file;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "input arrays: one .npy per model input (repeat the option), or one .npz named by input")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "FILE", description = "where predictions go: .npy (one output) or .npz; default: print them")
    Path output;

    @Option(names = "--batch-size", defaultValue = "32", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size: expected a positive number, got " + batchSize);
        }
        if (output != null && !lower(output).endsWith(".npy") && !lower(output).endsWith(".npz")) {
            throw new ParameterException(spec.commandLine(), "--output: expected a .npy or .npz file, got '" + output + "'");
        }
        for (Path p : inputs) {
            ModelFiles.existing(p, "input file");
        }
        Model model = ModelFiles.load(file.model, file.weights, true);
        INDArray[] x = readInputs(model);
        List<INDArray> y = predict(model, x);
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < y.size(); i++) {
            String name = model.outputs().get(i).node().layer().name();
            named.put(named.containsKey(name) ? name + "_" + i : name, y.get(i));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            named.forEach((name, a) -> out.println(name + " " + Shapes.format(a.shape()) + " " + Backend.dtypeName(a.dataType())
                    + ":\n" + a));
        } else if (lower(output).endsWith(".npy")) {
            if (y.size() != 1) {
                throw new IllegalArgumentException("--output: the model has " + y.size() + " outputs " + named.keySet()
                        + "; write them to a .npz file");
            }
            Npy.write(output, y.get(0));
            out.println("wrote " + output + " " + Shapes.format(y.get(0).shape()));
        } else {
            Npz.write(output, named);
            out.println("wrote " + output + " " + describe(named));
        }
        out.flush();
    }

    private List<INDArray> predict(Model model, INDArray[] x) {
        if (x.length == 1 && model.outputs().size() == 1) {
            return List.of(model.predict(x[0], batchSize));
        }
        return model.predictAll(x);
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static String describe(Map<String, INDArray> arrays) {
        List<String> parts = new ArrayList<>();
        arrays.forEach((k, v) -> parts.add(k + " " + Shapes.format(v.shape())));
        return String.join(", ", parts);
    }

    private INDArray[] readInputs(Model model) {
        List<KerasTensor> modelInputs = model.inputs();
        List<String> names = new ArrayList<>();
        modelInputs.forEach(t -> names.add(t.node().layer().name()));
        List<INDArray> arrays = new ArrayList<>();
        if (inputs.size() == 1 && lower(inputs.get(0)).endsWith(".npz")) {
            Map<String, INDArray> npz = Npz.read(inputs.get(0));
            if (npz.keySet().containsAll(names)) {
                names.forEach(n -> arrays.add(npz.get(n)));
            } else if (npz.size() == names.size()) {
                arrays.addAll(npz.values());
            } else {
                throw new IllegalArgumentException("--input " + inputs.get(0) + ": expected arrays named " + names
                        + " (the model's inputs), or exactly " + names.size() + " array(s); the file has " + npz.keySet());
            }
        } else {
            for (Path p : inputs) {
                if (!lower(p).endsWith(".npy")) {
                    throw new ParameterException(spec.commandLine(), "--input: expected .npy files (one per model input) or one .npz, got '" + p + "'");
                }
                arrays.add(Npy.read(p));
            }
            if (arrays.size() != names.size()) {
                throw new IllegalArgumentException("--input: the model has " + names.size() + " input(s) " + names + ", got "
                        + arrays.size() + " array(s)");
            }
        }
        INDArray[] x = new INDArray[arrays.size()];
        for (int i = 0; i < x.length; i++) {
            INDArray a = arrays.get(i);
            long[] expected = modelInputs.get(i).shape();
            if (!Shapes.compatible(expected, a.shape())) {
                throw new IllegalArgumentException("input " + i + " (\"" + names.get(i) + "\"): expected shape " + Shapes.format(expected)
                        + ", got " + Shapes.format(a.shape()));
            }
            x[i] = a.dataType() == modelInputs.get(i).dtype() ? a : a.castTo(modelInputs.get(i).dtype());
        }
        return x;
    }
}
