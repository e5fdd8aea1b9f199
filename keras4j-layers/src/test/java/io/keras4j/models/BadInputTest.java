package io.keras4j.models;

import io.keras4j.callbacks.LambdaCallback;
import io.keras4j.callbacks.TerminateOnNaN;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Input;
import io.keras4j.layers.LSTM;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Adversarial inputs to fit, evaluate, predict, compile, FitOptions and layers: each either behaves as Keras 3 does
 * (the case says what that is, and the test checks it) or fails with an IllegalArgumentException or
 * IllegalStateException whose message names the argument (and, where there is one, the expected and actual value).
 * Never a silent wrong result, an NPE, an ArithmeticException from a division or a raw ND4J error.
 */
class BadInputTest {
    /** How a case must end: a clear error naming something, or Keras's (checked) behaviour. */
    private record Expect(Class<? extends Throwable> type, String[] parts, Executable kerasCheck) {
    }

    private static Expect error(Class<? extends Throwable> type, String... parts) {
        return new Expect(type, parts, null);
    }

    private static Expect keras(Executable check) {
        return new Expect(null, new String[0], check);
    }

    /** 3 features, 3 classes: Dense(8, relu) -> Dropout -> Dense(3, softmax). */
    private static Sequential mlp(String loss) {
        Utils.setRandomSeed(3);
        Sequential m = new Sequential();
        m.add(new Dense(8, "relu").inputShape(3));
        m.add(new Dropout(0.1));
        m.add(new Dense(3, "softmax"));
        m.compile("adam", loss, "accuracy");
        return m;
    }

    private static Sequential sparse() {
        return mlp("sparse_categorical_crossentropy");
    }

    private static Sequential categorical() {
        return mlp("categorical_crossentropy");
    }

    private static INDArray x(long n) {
        return Nd4j.rand(DataType.FLOAT, n, 3);
    }

    private static INDArray labels(double... v) {
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    private static INDArray oneHot(long n) {
        return Utils.toCategorical(Nd4j.createFromArray(new int[(int) n]).castTo(DataType.INT), 3);
    }

    private static FitOptions quiet() {
        return new FitOptions().epochs(1).batchSize(4).verbose(0);
    }

    private static INDArray withValue(INDArray a, double v) {
        INDArray c = a.dup();
        c.putScalar(0, v);
        return c;
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        Map<Integer, Double> extraClass = new HashMap<>(Map.of(0, 1.0, 1, 2.0, 2, 1.0, 7, 5.0));
        Map<Integer, Double> nullKey = new HashMap<>();
        nullKey.put(null, 2.0);
        return Stream.of(
                // ---- fit: data ----
                c("fit x null", () -> sparse().fit((INDArray) null, labels(0, 1), quiet()), error(IllegalArgumentException.class, "`x`")),
                c("fit y null with a loss", () -> sparse().fit(x(4), (INDArray) null, quiet()),
                        error(IllegalArgumentException.class, "`y`")),
                c("fit x wrong width", () -> sparse().fit(x(4).reshape(6, 2), labels(0, 1, 2, 0, 1, 2), quiet()),
                        error(IllegalArgumentException.class, "expected axis -1 of input shape to have value 3", "(6, 2)")),
                c("fit x rank 1", () -> sparse().fit(Nd4j.rand(DataType.FLOAT, 3), labels(0, 1, 2), quiet()),
                        error(IllegalArgumentException.class, "input")),
                c("fit x rank 3", () -> sparse().fit(Nd4j.rand(DataType.FLOAT, 4, 3, 1), labels(0, 1, 2, 0), quiet()),
                        error(IllegalArgumentException.class, "(4, 3, 1)")),
                c("fit fewer labels than samples", () -> sparse().fit(x(4), labels(0, 1, 2), quiet()),
                        error(IllegalArgumentException.class, "4 samples", "3 samples")),
                c("fit empty x", () -> sparse().fit(x(4).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), Nd4j.create(DataType.FLOAT, 0), quiet()),
                        error(IllegalArgumentException.class, "`x`", "0 samples")),
                c("fit NaN in x", () -> sparse().fit(withValue(x(4), Double.NaN), labels(0, 1, 2, 0), quiet()),
                        error(ArithmeticException.class, "NaN")),
                c("fit +Inf in x", () -> sparse().fit(withValue(x(4), Double.POSITIVE_INFINITY), labels(0, 1, 2, 0), quiet()),
                        error(ArithmeticException.class, "NaN")),
                c("fit NaN sparse label", () -> sparse().fit(x(4), labels(0, Double.NaN, 2, 0), quiet()),
                        error(IllegalArgumentException.class, "class indices in [0, 3)", "NaN")),
                c("fit Inf sparse label", () -> sparse().fit(x(4), labels(0, Double.POSITIVE_INFINITY, 2, 0), quiet()),
                        error(IllegalArgumentException.class, "class indices in [0, 3)", "Infinity")),
                c("fit sparse label = classes", () -> sparse().fit(x(4), labels(0, 3, 2, 0), quiet()),
                        error(IllegalArgumentException.class, "class indices in [0, 3)", "[0, 3]")),
                c("fit negative sparse label", () -> sparse().fit(x(4), labels(0, -1, 2, 0), quiet()),
                        error(IllegalArgumentException.class, "class indices in [0, 3)", "[-1, 2]")),
                c("fit one-hot into sparse loss", () -> sparse().fit(x(4), oneHot(4), quiet()),
                        error(IllegalArgumentException.class, "categorical_crossentropy")),
                c("fit one-hot of wrong width", () -> categorical().fit(x(4), Nd4j.zeros(DataType.FLOAT, 4, 4), quiet()),
                        error(IllegalArgumentException.class, "categorical_crossentropy", "[4, 3]", "[4, 4]")),
                c("fit integer x (Keras casts)", () -> sparse().fit(Nd4j.ones(DataType.INT, 4, 3), labels(0, 1, 2, 0), quiet()),
                        keras(null)),
                c("fit double x into float32 model (Keras casts)", () -> sparse().fit(x(4).castTo(DataType.DOUBLE), labels(0, 1, 2, 0), quiet()),
                        keras(null)),
                // ---- fit: options ----
                c("fit batch_size 0", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().batchSize(0)),
                        error(IllegalArgumentException.class, "`batch_size`", "got 0")),
                c("fit batch_size -3", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().batchSize(-3)),
                        error(IllegalArgumentException.class, "`batch_size`", "got -3")),
                c("fit epochs -1", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().epochs(-1)),
                        error(IllegalArgumentException.class, "`epochs`", "got -1")),
                c("fit epochs 0 trains nothing (Keras)", () -> {
                    Sequential m = sparse();
                    m.fit(x(4), labels(0, 1, 2, 0), quiet().epochs(1));
                    List<INDArray> before = m.getWeights();
                    assertTrue(m.fit(x(4), labels(0, 1, 2, 0), quiet().epochs(0)).epoch().isEmpty());
                    assertEquals(before, m.getWeights());
                }, keras(null)),
                c("fit batch_size larger than the data (Keras: one batch)", () -> {
                    Sequential m = sparse();
                    m.fit(x(4), labels(0, 1, 2, 0), quiet().batchSize(1000));
                    assertEquals(1, m.optimizer().iterations());
                }, keras(null)),
                c("fit validation_split 0.999 leaves no training data", () -> sparse().fit(x(10), labels(0, 1, 2, 0, 1, 2, 0, 1, 2, 0),
                        quiet().validationSplit(0.999)), error(IllegalArgumentException.class, "`validation_split=0.999`", "10 samples")),
                c("fit validation_split 0.5 of 1 sample leaves no training data", () -> sparse().fit(x(1), labels(2),
                        quiet().validationSplit(0.5)), error(IllegalArgumentException.class, "`validation_split=0.5`", "1 samples")),
                c("fit validation_split 1", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().validationSplit(1)),
                        error(IllegalArgumentException.class, "`validation_split`", "[0, 1)", "1.0")),
                c("fit validation_split -0.2", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().validationSplit(-0.2)),
                        error(IllegalArgumentException.class, "`validation_split`", "-0.2")),
                c("fit validation_split NaN", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().validationSplit(Double.NaN)),
                        error(IllegalArgumentException.class, "`validation_split`", "NaN")),
                c("fit validation_freq 0", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().validationFreq(0).validationData(x(2), labels(0, 1))),
                        error(IllegalArgumentException.class, "`validation_freq`", "got 0")),
                c("fit steps_per_epoch 0", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().stepsPerEpoch(0)),
                        error(IllegalArgumentException.class, "`steps_per_epoch`", "got 0")),
                c("fit validation_batch_size 0", () -> sparse().fit(x(4), labels(0, 1, 2, 0),
                        quiet().validationBatchSize(0).validationData(x(2), labels(0, 1))),
                        error(IllegalArgumentException.class, "`validation_batch_size`", "got 0")),
                c("fit initial_epoch -1", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().initialEpoch(-1)),
                        error(IllegalArgumentException.class, "`initial_epoch`", "got -1")),
                c("fit initial_epoch >= epochs trains nothing (Keras)", () -> {
                    Sequential m = sparse();
                    assertTrue(m.fit(x(4), labels(0, 1, 2, 0), quiet().epochs(2).initialEpoch(5)).epoch().isEmpty());
                }, keras(null)),
                c("fit null callback", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().callbacks(new TerminateOnNaN(), null)),
                        error(IllegalArgumentException.class, "`callbacks`", "null")),
                c("fit null options", () -> sparse().fit(x(4), labels(0, 1, 2, 0), (FitOptions) null),
                        error(IllegalArgumentException.class, "`options`")),
                c("fit sample_weight of wrong length", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().sampleWeight(Nd4j.ones(3))),
                        error(IllegalArgumentException.class, "`sample_weight`", "(4)", "[3]")),
                c("fit class_weight for a class not in the data (Keras: ignored)", () -> {
                    Sequential m = sparse();
                    m.fit(x(4), labels(0, 1, 2, 0), quiet().classWeight(extraClass));
                    assertEquals(1, m.optimizer().iterations());
                }, keras(null)),
                c("fit class_weight with a null class", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().classWeight(nullKey)),
                        error(IllegalArgumentException.class, "`class_weight`")),
                c("fit class_weight NaN", () -> sparse().fit(x(4), labels(0, 1, 2, 0), quiet().classWeight(Map.of(0, Double.NaN))),
                        error(IllegalArgumentException.class, "`class_weight`", "NaN")),
                c("fit validation_data of wrong width", () -> sparse().fit(x(4), labels(0, 1, 2, 0),
                        quiet().validationData(Nd4j.rand(DataType.FLOAT, 2, 5), labels(0, 1))),
                        error(IllegalArgumentException.class, "validation_data", "(2, 5)")),
                c("fit validation_data sample counts differ", () -> sparse().fit(x(4), labels(0, 1, 2, 0),
                        quiet().validationData(x(2), labels(0, 1, 2))), error(IllegalArgumentException.class, "validation_data", "2 samples")),
                c("fit validation_data without targets", () -> sparse().fit(x(4), labels(0, 1, 2, 0),
                        quiet().validationData(new INDArray[]{x(2)}, null)), error(IllegalArgumentException.class, "`validation_data`")),
                c("fit validation_data with a null input", () -> sparse().fit(x(4), labels(0, 1, 2, 0),
                        quiet().validationData(null, labels(0, 1))), error(IllegalArgumentException.class, "validation_data", "`x`")),
                // ---- evaluate ----
                c("evaluate before compile", () -> {
                    Sequential m = new Sequential();
                    m.add(new Dense(2).inputShape(3));
                    m.evaluate(x(4), labels(0, 1, 1, 0));
                }, error(IllegalStateException.class, "compile()", "evaluate()")),
                c("evaluate batch_size 0", () -> sparse().evaluate(x(4), labels(0, 1, 2, 0), 0, 0),
                        error(IllegalArgumentException.class, "`batch_size`", "got 0")),
                c("evaluate wrong width", () -> sparse().evaluate(Nd4j.rand(DataType.FLOAT, 4, 5), labels(0, 1, 2, 0), 4, 0),
                        error(IllegalArgumentException.class, "expected axis -1 of input shape to have value 3")),
                c("evaluate empty x", () -> sparse().evaluate(Nd4j.create(DataType.FLOAT, 0, 3), Nd4j.create(DataType.FLOAT, 0), 4, 0),
                        error(IllegalArgumentException.class, "`x`", "0 samples")),
                c("evaluate label out of range", () -> sparse().evaluate(x(4), labels(0, 1, 9, 0), 4, 0),
                        error(IllegalArgumentException.class, "class indices in [0, 3)")),
                // ---- predict ----
                c("predict null", () -> sparse().predict((INDArray) null), error(IllegalArgumentException.class, "`x`")),
                c("predict batch_size 0", () -> sparse().predict(x(4), 0), error(IllegalArgumentException.class, "`batch_size`", "got 0")),
                c("predict batch_size -1", () -> sparse().predict(x(4), -1), error(IllegalArgumentException.class, "`batch_size`", "got -1")),
                c("predict wrong width", () -> sparse().predict(Nd4j.rand(DataType.FLOAT, 4, 7)),
                        error(IllegalArgumentException.class, "expected axis -1 of input shape to have value 3", "(4, 7)")),
                c("predict empty x", () -> sparse().predict(Nd4j.create(DataType.FLOAT, 0, 3)),
                        error(IllegalArgumentException.class, "`x`", "0 samples")),
                c("predictOnBatch wrong width", () -> sparse().predictOnBatch(Nd4j.rand(DataType.FLOAT, 4, 7)),
                        error(IllegalArgumentException.class, "expected axis -1 of input shape to have value 3")),
                c("predict with NaN input gives NaN rows (Keras)", () -> {
                    INDArray p = sparse().predict(withValue(x(2), Double.NaN));
                    assertTrue(Double.isNaN(p.getDouble(0, 0)));
                    assertTrue(Double.isFinite(p.getDouble(1, 0)));
                }, keras(null)),
                c("predict on a functional model with the wrong number of inputs", () -> {
                    var a = Input.of(3);
                    var b = Input.of(3);
                    Model m = new Model(List.of(a, b), List.of(new io.keras4j.layers.Add().apply(a, b)));
                    m.predictAll(x(2));
                }, error(IllegalArgumentException.class, "expects 2 input", "got 1")),
                // ---- trainOnBatch / setWeights ----
                c("trainOnBatch wrong width", () -> sparse().trainOnBatch(Nd4j.rand(DataType.FLOAT, 4, 2), labels(0, 1, 2, 0)),
                        error(IllegalArgumentException.class, "expected axis -1 of input shape to have value 3")),
                c("trainOnBatch NaN label", () -> sparse().trainOnBatch(x(4), labels(0, 1, Double.NaN, 0)),
                        error(IllegalArgumentException.class, "class indices", "NaN")),
                c("setWeights wrong count", () -> sparse().setWeights(List.of(Nd4j.ones(3, 8))),
                        error(IllegalArgumentException.class, "4", "1")),
                c("setWeights wrong shape", () -> {
                    Sequential m = sparse();
                    List<INDArray> w = new java.util.ArrayList<>(m.getWeights());
                    w.set(0, Nd4j.ones(DataType.FLOAT, 8, 3));
                    m.setWeights(w);
                }, error(IllegalArgumentException.class, "dense", "kernel", "[3, 8]", "[8, 3]")),
                // ---- compile ----
                c("compile unknown optimizer", () -> new Sequential(new Dense(2).inputShape(3)).compile("adamm", "mse"),
                        error(IllegalArgumentException.class, "adamm")),
                c("compile unknown loss", () -> new Sequential(new Dense(2).inputShape(3)).compile("adam", "msee"),
                        error(IllegalArgumentException.class, "msee")),
                c("unknown metric (Keras: raised when the metrics are built, at fit)", () -> {
                    Sequential m = new Sequential(new Dense(2).inputShape(3));
                    m.compile("adam", "mse", "acuracy");
                    m.fit(x(4), Nd4j.zeros(DataType.FLOAT, 4, 2), quiet());
                }, error(IllegalArgumentException.class, "acuracy")),
                c("compile null optimizer", () -> new Sequential(new Dense(2).inputShape(3)).compile(null, "mse"),
                        error(IllegalArgumentException.class, "`optimizer`")),
                c("compile loss of a wrong type", () -> new Sequential(new Dense(2).inputShape(3)).compile("adam", 42),
                        error(IllegalArgumentException.class, "`loss`", "42")),
                // ---- layers ----
                c("Dense units 0", () -> new Dense(0), error(IllegalArgumentException.class, "`units`", "0")),
                c("Dense units -4", () -> new Dense(-4), error(IllegalArgumentException.class, "`units`", "-4")),
                c("Dense unknown activation", () -> new Dense(4, "rleu"), error(IllegalArgumentException.class, "rleu")),
                c("Dropout rate 1.5", () -> new Dropout(1.5), error(IllegalArgumentException.class, "`rate`", "1.5")),
                c("Dropout rate NaN", () -> new Dropout(Double.NaN), error(IllegalArgumentException.class, "`rate`", "NaN")),
                c("Conv2D filters 0", () -> new Conv2D(0, 3), error(IllegalArgumentException.class, "`filters`", "0")),
                c("Conv2D kernel size 0", () -> new Conv2D(4, 0), error(IllegalArgumentException.class, "`kernel_size`", "0")),
                c("LSTM units 0", () -> new LSTM(0), error(IllegalArgumentException.class, "`units`", "0")),
                c("Dense inputShape with a 0 dimension", () -> new Sequential(new Dense(2).inputShape(0)).compile("adam", "mse"),
                        error(IllegalArgumentException.class, "input_shape", "[0]")),
                // ---- callbacks ----
                c("TerminateOnNaN does not outlive a fit aborted by an exception", () -> {
                    Sequential m = sparse();
                    LambdaCallback boom = new LambdaCallback().onTrainBatchEnd((b, logs) -> {
                        throw new IllegalStateException("callback failed");
                    });
                    assertThrows(IllegalStateException.class, () -> m.fit(x(4), labels(0, 1, 2, 0), quiet().callbacks(new TerminateOnNaN(), boom)));
                    List<INDArray> before = m.getWeights();
                    ArithmeticException e = assertThrows(ArithmeticException.class,
                            () -> m.trainOnBatch(withValue(x(4), Double.NaN), labels(0, 1, 2, 0)));
                    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
                    assertEquals(before, m.getWeights());
                }, keras(null)),
                c("fit does not close the caller's arrays", () -> {
                    Sequential m = sparse();
                    INDArray xs = x(8);
                    INDArray sw = Nd4j.ones(DataType.FLOAT, 8);
                    INDArray copy = xs.dup();
                    m.fit(xs, labels(0, 1, 2, 0, 1, 2, 0, 1), quiet().sampleWeight(sw).validationSplit(0.25));
                    m.evaluate(xs, labels(0, 1, 2, 0, 1, 2, 0, 1), 4, 0);
                    m.predict(xs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()));
                    assertArrayEquals(Nd4j.toFlattened(copy).toFloatVector(), Nd4j.toFlattened(xs).toFloatVector(), 0f);
                    assertEquals(8.0, sw.sumNumber().doubleValue(), 0.0);
                }, keras(null)));
    }

    private static org.junit.jupiter.params.provider.Arguments c(String name, Executable run, Expect expect) {
        return arguments(name, run, expect);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsKerasBehaviourOrAClearError(String name, Executable run, Expect expect) throws Throwable {
        if (expect.type() == null) {
            run.execute();
            if (expect.kerasCheck() != null) {
                expect.kerasCheck().execute();
            }
            return;
        }
        Throwable e = assertThrows(Throwable.class, run, name);
        assertEquals(expect.type(), e.getClass(), name + ": " + e);
        String message = String.valueOf(e.getMessage());
        for (String part : expect.parts()) {
            assertTrue(message.contains(part), name + ": '" + part + "' missing from: " + message);
        }
    }
}
