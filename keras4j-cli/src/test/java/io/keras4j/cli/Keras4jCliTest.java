package io.keras4j.cli;

import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.saving.Npy;
import io.keras4j.saving.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Keras4jCliTest {
    @TempDir
    Path dir;

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        INDArray diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE));
        assertTrue(diff.amaxNumber().doubleValue() < 1e-5, "max difference " + diff.amaxNumber());
    }

    @Test
    void summaryPrintsKerasTable() {
        Path file = Reference.k3("cnn2d.keras");
        Run run = Run.of("summary", file);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Models.loadModel(file).summaryString(), run.out());
        assertTrue(run.out().contains("conv2d (Conv2D)") && run.out().contains("Total params: 2,346"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void summaryOfJsonWithItsWeightsBeside() {
        Run run = Run.of("summary", Reference.k3("functional_two_inputs.json"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Connected to") && run.out().contains("input_a"), run.out());
    }

    @Test
    void missingFileExitCode3() {
        Run run = Run.of("summary", dir.resolve("nope.keras"));
        assertEquals(Keras4jCli.MISSING_FILE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("model file not found") && run.err().contains("nope.keras"), run.err());
        Path json = dir.resolve("arch.json");
        Run convert = Run.of("convert", Reference.k3("cnn2d.json"), json, "--weights", dir.resolve("w.weights.h5"));
        assertEquals(Keras4jCli.MISSING_FILE, convert.exitCode(), convert.toString());
        assertTrue(convert.err().contains("weights file not found"), convert.err());
    }

    @Test
    void corruptFileExitCode4() throws Exception {
        Path bad = dir.resolve("bad.keras");
        Files.write(bad, "this is not a zip archive".getBytes());
        Run run = Run.of("summary", bad);
        assertEquals(Keras4jCli.BAD_FILE, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("keras4j summary: ") && run.err().contains("bad.keras"), run.err());
        Path truncated = dir.resolve("cut.h5");
        byte[] h5 = Files.readAllBytes(Reference.k3("lstm.h5"));
        Files.write(truncated, java.util.Arrays.copyOf(h5, h5.length / 3));
        Run cut = Run.of("inspect", truncated);
        assertEquals(Keras4jCli.BAD_FILE, cut.exitCode(), cut.toString());
        assertTrue(cut.err().contains("cut.h5"), cut.err());
    }

    @Test
    void badArgumentsExitCode2WithUsage() {
        Run none = Run.of();
        assertEquals(Keras4jCli.USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("missing command"), none.err());
        Run unknown = Run.of("frobnicate");
        assertEquals(Keras4jCli.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("Unmatched argument at index 0: 'frobnicate'"), unknown.err());
        Run missingArg = Run.of("summary");
        assertEquals(Keras4jCli.USAGE, missingArg.exitCode());
        assertTrue(missingArg.err().contains("MODEL"), missingArg.err());
        Run gif = Run.of("plot", Reference.k3("lstm.keras"), dir.resolve("m.gif"));
        assertEquals(Keras4jCli.USAGE, gif.exitCode(), gif.toString());
        assertTrue(gif.err().contains(".png or .svg"), gif.err());
        Run rankdir = Run.of("plot", Reference.k3("lstm.keras"), dir.resolve("m.png"), "--rankdir", "BT");
        assertEquals(Keras4jCli.USAGE, rankdir.exitCode(), rankdir.toString());
        assertTrue(rankdir.err().contains("rankdir") && rankdir.err().contains("BT"), rankdir.err());
        assertTrue(Files.notExists(dir.resolve("m.png")));
        Run help = Run.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("summary") && help.out().contains("Exit codes"), help.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.keras", "out.h5", "out.json"})
    void convertKeepsThePredictions(String target) {
        Path out = dir.resolve(target);
        Run run = Run.of("convert", Reference.k3("lstm.keras"), out);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("wrote " + out), run.out());
        Model model = target.endsWith(".json") ? ModelFiles.load(out, null, true) : Models.loadModel(out);
        if (target.endsWith(".json")) {
            assertTrue(Files.exists(dir.resolve("out.weights.h5")));
        }
        Map<String, INDArray> io = Npz.read(Reference.k3("lstm_io.npz"));
        assertClose(io.get("y0"), model.predict(io.get("x0")));
    }

    @Test
    void convertJsonPlusWeightsToKeras() {
        Path out = dir.resolve("cnn.keras");
        Run run = Run.of("convert", Reference.k3("cnn2d.json"), out);
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, INDArray> io = Npz.read(Reference.k3("cnn2d_io.npz"));
        assertClose(io.get("y0"), Models.loadModel(out).predict(io.get("x0")));
        Run weights = Run.of("convert", out, dir.resolve("only.weights.h5"));
        assertEquals(0, weights.exitCode(), weights.toString());
        Model fresh = Models.modelFromJson(Models.loadModel(out).toJson());
        fresh.loadWeights(dir.resolve("only.weights.h5"));
        assertClose(io.get("y0"), fresh.predict(io.get("x0")));
    }

    @Test
    void predictNpyToNpy() {
        Map<String, INDArray> io = Npz.read(Reference.k3("lstm_io.npz"));
        Path x = dir.resolve("x.npy");
        Npy.write(x, io.get("x0"));
        Path y = dir.resolve("y.npy");
        Run run = Run.of("predict", Reference.k3("lstm.keras"), "--input", x, "--output", y);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("wrote " + y + " (4, 3)"), run.out());
        assertClose(io.get("y0"), Npy.read(y));
        Run printed = Run.of("predict", Reference.k3("lstm.keras"), "--input", x);
        assertEquals(0, printed.exitCode(), printed.toString());
        assertTrue(printed.out().startsWith("dense (4, 3) float32:"), printed.out());
    }

    @Test
    void predictNamedNpzInputsToNpzOutputs() {
        Map<String, INDArray> io = Npz.read(Reference.k3("functional_two_inputs_io.npz"));
        Model model = Models.loadModel(Reference.k3("functional_two_inputs.keras"));
        Map<String, INDArray> named = new LinkedHashMap<>();
        // written in the opposite order: the names, not the order, decide
        named.put(model.inputs().get(1).node().layer().name(), io.get("x1"));
        named.put(model.inputs().get(0).node().layer().name(), io.get("x0"));
        Path x = dir.resolve("x.npz");
        Npz.write(x, named);
        Path y = dir.resolve("y.npz");
        Run run = Run.of("predict", Reference.k3("functional_two_inputs.keras"), "--input", x, "--output", y);
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, INDArray> out = Npz.read(y);
        List<String> outputNames = List.of(model.outputs().get(0).node().layer().name(), model.outputs().get(1).node().layer().name());
        assertEquals(outputNames, List.copyOf(out.keySet()));
        assertClose(io.get("y0"), out.get(outputNames.get(0)));
        assertClose(io.get("y1"), out.get(outputNames.get(1)));
    }

    @Test
    void predictErrorsNameWhatIsWrong() {
        // the reference file holds x0, x1, y0, y1: neither the input names nor one array per input
        Run run = Run.of("predict", Reference.k3("functional_two_inputs.keras"), "--input", Reference.k3("functional_two_inputs_io.npz"));
        assertEquals(Keras4jCli.FAILED, run.exitCode(), run.toString());
        assertTrue(run.err().contains("input_a") && run.err().contains("[x0, x1, y0, y1]"), run.err());
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 7, 4));
        Run shape = Run.of("predict", Reference.k3("lstm.keras"), "--input", wrong);
        assertEquals(Keras4jCli.FAILED, shape.exitCode(), shape.toString());
        assertTrue(shape.err().contains("expected shape (None, 7, 5), got (2, 7, 4)"), shape.err());
        Run twoOutputs = Run.of("predict", Reference.k3("functional_two_inputs.keras"), "--input", wrong, "--input", wrong);
        assertEquals(Keras4jCli.FAILED, twoOutputs.exitCode(), twoOutputs.toString());
        Run missing = Run.of("predict", Reference.k3("lstm.keras"), "--input", dir.resolve("none.npy"));
        assertEquals(Keras4jCli.MISSING_FILE, missing.exitCode(), missing.toString());
        Run noInput = Run.of("predict", Reference.k3("lstm.keras"));
        assertEquals(Keras4jCli.USAGE, noInput.exitCode(), noInput.toString());
    }

    @Test
    void inspectShowsWriterLayersWeightStatisticsAndTrainingConfig() {
        Path file = Reference.k3("train_mlp_sgd.keras");
        Run run = Run.of("inspect", file);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Written by: Keras 3.16.0"), run.out());
        assertTrue(run.out().contains("Training config: {") && run.out().contains("\"SGD\""), run.out());
        Model model = Models.loadModel(file);
        for (io.keras4j.engine.Variable v : model.weights()) {
            Matcher m = Pattern.compile("\\s" + Pattern.quote(v.path()) + "\\s+(\\([^)]*\\))\\s+(\\w+)\\s+(yes|no)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)")
                    .matcher(run.out());
            assertTrue(m.find(), v.path() + " in\n" + run.out());
            INDArray a = v.value().castTo(DataType.DOUBLE);
            assertEquals(io.keras4j.engine.Shapes.format(a.shape()), m.group(1));
            // NumPy's statistics, computed by ND4J here: std without Bessel's correction, as np.std
            double[] expected = {a.minNumber().doubleValue(), a.maxNumber().doubleValue(), a.meanNumber().doubleValue(),
                    a.reshape(a.length()).std(false, 0).getDouble(0)};
            for (int i = 0; i < 4; i++) {
                double printed = Double.parseDouble(m.group(4 + i));
                assertEquals(expected[i], printed, 1e-5 * Math.max(1, Math.abs(expected[i])), v.path() + " statistic " + i);
            }
        }
        Run legacy = Run.of("inspect", Reference.k3("mlp_mnist_small.h5"));
        assertEquals(0, legacy.exitCode(), legacy.toString());
        assertTrue(legacy.out().contains("legacy HDF5 model") && legacy.out().contains("Keras 3.16.0 (backend"), legacy.out());
        assertTrue(legacy.out().toLowerCase(Locale.ROOT).contains("training config: none"), legacy.out());
    }

    @Test
    void inspectJsonSaysWhetherItsWeightsWereFound() throws Exception {
        Run withWeights = Run.of("inspect", Reference.k3("cnn2d.json"));
        assertEquals(0, withWeights.exitCode(), withWeights.toString());
        assertTrue(withWeights.out().contains("conv2d/kernel"), withWeights.out());
        Path alone = dir.resolve("alone.json");
        Files.copy(Reference.k3("cnn2d.json"), alone);
        Run without = Run.of("inspect", alone);
        assertEquals(0, without.exitCode(), without.toString());
        assertTrue(without.out().contains("not loaded") && without.out().contains("alone.weights.h5")
                && !without.out().contains("conv2d/kernel"), without.out());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"class_name\": \"Sequential\", \"config\": ");
        Run bad = Run.of("summary", broken);
        assertEquals(Keras4jCli.BAD_FILE, bad.exitCode(), bad.toString());
    }

    @Test
    void plotWritesThePicture() throws Exception {
        Path out = dir.resolve("m.svg");
        Run run = Run.of("plot", Reference.k3("functional_two_inputs.keras"), out, "--show-shapes", "--show-layer-names");
        assertEquals(0, run.exitCode(), run.toString());
        String svg = Files.readString(out);
        assertTrue(svg.contains("Input shape: ") && svg.contains("concat"), svg);
    }
}
