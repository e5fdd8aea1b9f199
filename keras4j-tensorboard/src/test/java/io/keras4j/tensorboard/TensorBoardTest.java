package io.keras4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.callbacks.History;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What fit with a TensorBoard callback writes, read back with {@link EventReader} and compared with History. */
class TensorBoardTest {
    private static final int EPOCHS = 3;
    /** 40 samples in batches of 8: 5 steps per epoch. */
    private static final int STEPS = 5;
    /** With validation split 0.25: 30 training samples in batches of 8, 4 steps per epoch. */
    private static final int VALIDATED_STEPS = 4;

    @TempDir
    Path dir;

    private static Sequential model() {
        Utils.setRandomSeed(5);
        Sequential model = new Sequential(new InputLayer(4), new Dense(5, "relu"), new Dense(3, "softmax"));
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static History fit(Sequential model, TensorBoard callback, boolean validation) {
        INDArray x = Nd4j.linspace(-1, 1, 160, DataType.FLOAT).reshape(40, 4);
        INDArray y = Nd4j.createFromArray(new float[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}).reshape(1, 10).repeat(0, 4).reshape(40);
        return model.fit(x, y, new FitOptions().epochs(EPOCHS).batchSize(8).verbose(0).shuffle(false)
                .validationSplit(validation ? 0.25 : 0).callbacks(callback));
    }

    /** The events of the one file in {@code sub}, after checking its name and first event. */
    private static List<EventReader.Event> events(Path sub) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(sub)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("events\\.out\\.tfevents\\.\\d{10}\\..+\\.\\d+\\.\\d+\\.v2"),
                files.get(0).toString());
        List<EventReader.Event> events = EventReader.read(files.get(0));
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        return events.subList(1, events.size());
    }

    private static List<EventReader.Event> tagged(List<EventReader.Event> events, String tag) {
        return events.stream().filter(e -> !e.values().isEmpty() && e.value().tag().equals(tag)).toList();
    }

    private static List<Long> steps(List<EventReader.Event> events) {
        return events.stream().map(EventReader.Event::step).toList();
    }

    /** Each event's float value equals the history's value (as float32, the summaries' dtype). */
    private static void assertValues(List<Double> expected, List<EventReader.Event> events, String what) {
        assertEquals(expected.size(), events.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals((float) (double) expected.get(i), events.get(i).value().scalar(), what + " #" + i);
        }
    }

    @Test
    void epochScalarsEqualHistoryInTrainAndValidation() throws IOException {
        Sequential model = model();
        History history = fit(model, new TensorBoard(dir.toString()).updateFreq("batch"), true);
        Map<String, List<Double>> h = history.history();
        List<EventReader.Event> train = events(dir.resolve("train"));
        List<EventReader.Event> validation = events(dir.resolve("validation"));

        for (String metric : List.of("loss", "accuracy")) {
            List<EventReader.Event> epoch = tagged(train, "epoch_" + metric);
            assertEquals(List.of(0L, 1L, 2L), steps(epoch));
            assertValues(h.get(metric), epoch, "train " + metric);
            List<EventReader.Event> val = tagged(validation, "epoch_" + metric);
            assertEquals(List.of(0L, 1L, 2L), steps(val));
            assertValues(h.get("val_" + metric), val, "validation " + metric);
            List<EventReader.Event> evaluation = tagged(validation, "evaluation_" + metric + "_vs_iterations");
            assertEquals(List.of((long) VALIDATED_STEPS, 2L * VALIDATED_STEPS, 3L * VALIDATED_STEPS), steps(evaluation));
            assertValues(h.get("val_" + metric), evaluation, "evaluation " + metric);
        }
        List<EventReader.Event> lr = tagged(train, "epoch_learning_rate");
        assertValues(List.of(0.001, 0.001, 0.001), lr, "learning rate");
        assertTrue(train.stream().allMatch(e -> e.value().pluginName() != null));
        assertTrue(validation.stream().allMatch(e -> e.value().pluginName().equals("scalars")));
    }

    @Test
    void batchScalarsEveryBatchWithGlobalSteps() throws IOException {
        History history = fit(model(), new TensorBoard(dir.toString()).updateFreq("batch"), true);
        List<EventReader.Event> batchLoss = tagged(events(dir.resolve("train")), "batch_loss");
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= EPOCHS * VALIDATED_STEPS; s++) {
            expected.add(s);
        }
        assertEquals(expected, steps(batchLoss));
        // the logs of an epoch's last batch are the epoch's results
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            assertEquals((float) (double) history.history().get("loss").get(epoch),
                    batchLoss.get((epoch + 1) * VALIDATED_STEPS - 1).value().scalar());
        }
    }

    @Test
    void integerUpdateFreqWritesEveryNthBatch() throws IOException {
        fit(model(), new TensorBoard(dir.toString()).updateFreq(4), false);
        List<EventReader.Event> train = events(dir.resolve("train"));
        assertEquals(List.of(4L, 8L, 12L), steps(tagged(train, "batch_loss")));
        assertEquals(List.of(4L, 8L, 12L), steps(tagged(train, "batch_accuracy")));
    }

    @Test
    void defaultsWriteEpochScalarsAndTheGraphOnly() throws IOException {
        Sequential model = model();
        fit(model, new TensorBoard(dir.toString()), false);
        assertFalse(Files.exists(dir.resolve("validation")), "no validation data, no validation writer");
        List<EventReader.Event> train = events(dir.resolve("train"));
        List<String> tags = train.stream().map(e -> e.value().tag()).distinct().toList();
        assertEquals(List.of("keras", "epoch_accuracy", "epoch_loss", "epoch_learning_rate"), tags);
        EventReader.Value graph = train.get(0).value();
        assertEquals(0, train.get(0).step());
        assertEquals("graph_keras_model", graph.pluginName());
        assertEquals("1", graph.pluginContent());
        assertEquals(List.of(model.toJson()), graph.stringVal());
    }

    @Test
    void writeGraphFalseLeavesTheGraphOut() throws IOException {
        fit(model(), new TensorBoard(dir.toString()).writeGraph(false), false);
        assertTrue(events(dir.resolve("train")).stream().noneMatch(e -> e.value().tag().equals("keras")));
    }

    @Test
    void histogramsOfEveryWeightEveryNthEpoch() throws IOException {
        Sequential model = model();
        fit(model, new TensorBoard(dir.toString()).histogramFreq(2), false);
        List<EventReader.Event> train = events(dir.resolve("train"));
        List<EventReader.Event> histograms = train.stream().filter(e -> e.value().pluginName().equals("histograms")).toList();
        List<String> expectedTags = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Variable w : layer.weights()) {
                expectedTags.add(model.name() + "/" + layer.name() + "/" + w.name() + "/histogram");
            }
        }
        assertEquals(4, expectedTags.size());
        for (String tag : expectedTags) {
            assertEquals(List.of(0L, 2L), steps(tagged(histograms, tag)), tag);
        }
        assertEquals(8, histograms.size());
        // the last histograms are of the final weights (epoch 2 is the last epoch)
        int i = 0;
        for (Layer layer : model.layers()) {
            for (Variable w : layer.weights()) {
                double[] values = w.value().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
                EventReader.Event last = tagged(histograms, expectedTags.get(i++)).get(1);
                assertArrayEquals(HistogramBuckets.of(values, 30), last.value().histogram(), w.path());
                double count = 0;
                for (double[] bucket : last.value().histogram()) {
                    count += bucket[2];
                }
                assertEquals(values.length, count, w.path());
            }
        }
    }

    @Test
    void functionalModelTagsHaveNoModelPrefixButNestedSequentialsDo() throws IOException {
        // as Keras 3.15: Model(i, Dense("d2")(Sequential([Input((4,)), Dense("d1")], name="inner")(i))) has weight
        // paths inner/d1/kernel, inner/d1/bias, d2/kernel, d2/bias
        Utils.setRandomSeed(5);
        Sequential inner = new Sequential(new Dense(3).name("d1").inputShape(4));
        inner.name("inner");
        KerasTensor input = Input.of(4);
        Model model = new Model(input, new Dense(3, "softmax").name("d2").apply(inner.apply(input)));
        model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.linspace(-1, 1, 40, DataType.FLOAT).reshape(10, 4);
        INDArray y = Nd4j.createFromArray(new float[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0});
        model.fit(x, y, new FitOptions().epochs(1).batchSize(5).verbose(0)
                .callbacks(new TensorBoard(dir.toString()).histogramFreq(1)));
        List<String> tags = events(dir.resolve("train")).stream().map(e -> e.value().tag())
                .filter(t -> t.endsWith("/histogram")).toList();
        assertEquals(List.of("inner/d1/kernel/histogram", "inner/d1/bias/histogram", "d2/kernel/histogram",
                "d2/bias/histogram"), tags);
    }

    @Test
    void stepsPerSecondPerEpochAndBatch() throws IOException {
        fit(model(), new TensorBoard(dir.toString()).writeStepsPerSecond(true).updateFreq("batch"), false);
        List<EventReader.Event> train = events(dir.resolve("train"));
        List<EventReader.Event> epoch = tagged(train, "epoch_steps_per_second");
        assertEquals(List.of(0L, 1L, 2L), steps(epoch));
        assertEquals(EPOCHS * STEPS, tagged(train, "batch_steps_per_second").size());
        assertTrue(epoch.stream().allMatch(e -> e.value().scalar() > 0 && Float.isFinite(e.value().scalar())));
    }

    @Test
    void eachFitWritesNewFilesAndClosesThem() throws IOException {
        Sequential model = model();
        TensorBoard callback = new TensorBoard(dir.toString());
        fit(model, callback, false);
        fit(model, callback, false);
        try (Stream<Path> s = Files.list(dir.resolve("train"))) {
            List<Path> files = s.toList();
            assertEquals(2, files.size(), files.toString());
            for (Path f : files) {
                assertEquals(EPOCHS, tagged(EventReader.read(f), "epoch_loss").size(), f.toString());
            }
        }
    }

    @Test
    void logDirThatCannotBeCreatedFailsClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> fit(model(), new TensorBoard(file.resolve("logs").toString()), false));
        assertTrue(e.getMessage().contains("cannot create log_dir") && e.getMessage().contains("not-a-dir"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        TensorBoard tb = new TensorBoard("logs");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tb.updateFreq("sometimes")).getMessage()
                .contains("update_freq"));
        assertThrows(IllegalArgumentException.class, () -> tb.updateFreq(0));
        assertThrows(IllegalArgumentException.class, () -> tb.histogramFreq(-1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tb.profileBatch(5)).getMessage()
                .contains("profile_batch=5"));
        assertEquals(Path.of("logs"), new TensorBoard().logDir());
    }
}
