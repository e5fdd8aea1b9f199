package io.keras4j.training;

import io.keras4j.backend.Backend;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.losses.BinaryCrossentropy;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.SparseCategoricalCrossentropy;
import io.keras4j.models.CompileOptions;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit/evaluate/compile options of issue 3 in small real training runs. */
class FitOptionsTest {
    private static final INDArray X = Nd4j.createFromArray(grid(32 * 3)).reshape(32, 3);
    private static final INDArray Y = X.mmul(Nd4j.createFromArray(new float[][]{{0.5f}, {-1f}, {2f}}));
    private static final INDArray LABELS = Nd4j.createFromArray(grid(32)).gt(0).castTo(DataType.FLOAT);

    private static float[] grid(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(0.7 * i + 0.3);
        }
        return v;
    }

    private static Sequential model(int units, String activation, Object loss, Object... metrics) {
        Utils.setRandomSeed(3);
        Sequential m = new Sequential();
        m.add(new Dense(4, "tanh").inputShape(3));
        m.add(new Dense(units, activation));
        m.compile(new SGD(0.1), loss, metrics);
        return m;
    }

    private static FitOptions quiet(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(8).verbose(0).shuffle(false);
    }

    private static boolean same(List<INDArray> a, List<INDArray> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void crossentropyResolvesFromTargetsAsKeras() {
        Sequential binary = model(1, "sigmoid", "crossentropy");
        binary.fit(X, LABELS.reshape(32, 1), quiet(1));
        assertInstanceOf(BinaryCrossentropy.class, binary.loss().get(0));
        Sequential sparse = model(2, "softmax", "ce");
        sparse.fit(X, LABELS, quiet(1));
        assertInstanceOf(SparseCategoricalCrossentropy.class, sparse.loss().get(0));
        Sequential categorical = model(2, "softmax", "crossentropy", "acc");
        categorical.fit(X, Utils.toCategorical(LABELS, 2), quiet(1));
        assertInstanceOf(CategoricalCrossentropy.class, categorical.loss().get(0));
        assertEquals(List.of("loss", "acc"), new ArrayList<>(categorical.evaluateToMap(X, Utils.toCategorical(LABELS, 2)).keySet()));
    }

    @Test
    void zeroSampleAndClassWeightsLeaveWeightsUnchanged() {
        Sequential m = model(1, null, "mse");
        List<INDArray> before = m.getWeights();
        m.fit(X, Y, quiet(1).sampleWeight(Nd4j.zeros(DataType.FLOAT, 32)));
        assertTrue(same(before, m.getWeights()));
        Sequential c = model(1, "sigmoid", "binary_crossentropy");
        List<INDArray> start = c.getWeights();
        c.fit(X, LABELS.reshape(32, 1), quiet(1).classWeight(Map.of(0, 0.0, 1, 0.0)));
        assertTrue(same(start, c.getWeights()));
    }

    @Test
    void classWeightEqualsTheMatchingSampleWeight() {
        Sequential a = model(1, "sigmoid", "binary_crossentropy");
        a.fit(X, LABELS.reshape(32, 1), quiet(2).classWeight(Map.of(0, 0.25, 1, 2.0)));
        Sequential b = model(1, "sigmoid", "binary_crossentropy");
        INDArray w = LABELS.mul(1.75).addi(0.25);
        b.fit(X, LABELS.reshape(32, 1), quiet(2).sampleWeight(w));
        assertTrue(same(a.getWeights(), b.getWeights()));
    }

    @Test
    void initialEpochStepsPerEpochAndValidationFreq() {
        Sequential m = model(1, null, "mse");
        History h = m.fit(X, Y, quiet(5).initialEpoch(1).stepsPerEpoch(3).validationData(X, Y).validationFreq(2));
        assertEquals(List.of(1, 2, 3, 4), h.epoch());
        assertEquals(12, m.optimizer().iterations());
        assertEquals(2, h.history().get("val_loss").size(), "validation after epochs 2 and 4 only");
    }

    @Test
    void validationBatchSizeSetsTheValidationBatches() {
        int[] testBatches = new int[1];
        Callback counter = new Callback() {
            @Override
            public void onTestBatchEnd(int batch, Map<String, Double> logs) {
                testBatches[0]++;
            }
        };
        model(1, null, "mse").fit(X, Y, quiet(1).validationData(X, Y).validationBatchSize(5).callbacks(counter));
        assertEquals(7, testBatches[0]);
    }

    @Test
    void shuffleChangesTheBatchOrderReproducibly() {
        Sequential ordered = model(1, null, "mse");
        ordered.fit(X, Y, quiet(1));
        Sequential shuffled = model(1, null, "mse");
        shuffled.fit(X, Y, quiet(1).shuffle(true));
        Sequential again = model(1, null, "mse");
        again.fit(X, Y, quiet(1).shuffle(true));
        assertFalse(same(ordered.getWeights(), shuffled.getWeights()));
        assertTrue(same(shuffled.getWeights(), again.getWeights()));
    }

    @Test
    void evaluateReturnsLossAndMetricsByName() {
        Sequential m = model(1, null, "mse", "mae", "root_mean_squared_error");
        Map<String, Double> r = m.evaluateToMap(X, Y);
        assertEquals(List.of("loss", "mae", "root_mean_squared_error"), new ArrayList<>(r.keySet()));
        assertEquals(Math.sqrt(r.get("loss")), r.get("root_mean_squared_error"), 1e-5);
        assertEquals(r.get("loss"), m.evaluate(X, Y)[0], 0.0);
    }

    @Test
    void multiOutputLossesAndWeightsByOutputName() {
        Utils.setRandomSeed(5);
        KerasTensor in = Input.of(3);
        KerasTensor h = new Dense(4, "tanh").apply(in);
        KerasTensor a = new Dense(1).name("out_a").apply(h);
        KerasTensor b = new Dense(1, "sigmoid").name("out_b").apply(h);
        Model m = new Model(List.of(in), List.of(a, b));
        m.compile(new CompileOptions().optimizer(new SGD(0.1)).loss(Map.of("out_a", "mse", "out_b", "binary_crossentropy"))
                .lossWeights(Map.of("out_a", 0.0, "out_b", 2.0)));
        INDArray[] ys = {Y, LABELS.reshape(32, 1)};
        double total = m.evaluateToMap(new INDArray[]{X}, ys, 32, 0).get("loss");
        double bce = new BinaryCrossentropy().compute(ys[1], m.predictAll(X).get(1));
        assertEquals(2.0 * bce, total, 1e-5);
        m.fit(new INDArray[]{X}, ys, quiet(1));
        assertThrows(IllegalArgumentException.class,
                () -> m.compile(new CompileOptions().loss(Map.of("out_c", "mse"))));
    }

    @Test
    void float64WorksEndToEndAndFloat64DataIsCastForAFloat32Model() {
        Backend.setFloatx("float64");
        try {
            Sequential m = model(1, null, "mse", "mae");
            INDArray x = X.castTo(DataType.DOUBLE);
            History h = m.fit(x, Y.castTo(DataType.DOUBLE), quiet(2));
            assertEquals(DataType.DOUBLE, m.getWeights().get(0).dataType());
            assertEquals(DataType.DOUBLE, m.predict(x).dataType());
            assertTrue(h.history().get("loss").get(1) < h.history().get("loss").get(0));
        } finally {
            Backend.setFloatx("float32");
        }
        // as Keras casts a layer's floating inputs to its dtype: the same training as with float32 data
        Utils.setRandomSeed(5);
        Sequential a = model(1, null, "mse");
        Utils.setRandomSeed(5);
        Sequential b = model(1, null, "mse");
        History h64 = a.fit(X.castTo(DataType.DOUBLE), Y, quiet(1));
        History h32 = b.fit(X, Y, quiet(1));
        assertEquals(h32.history().get("loss"), h64.history().get("loss"));
        assertEquals(DataType.FLOAT, a.predict(X.castTo(DataType.DOUBLE)).dataType());
    }

    @Test
    void targetsOfOneRankLessFitAnOutputOfSizeOne() {
        Utils.setRandomSeed(6);
        Sequential a = model(1, null, "mse");
        Utils.setRandomSeed(6);
        Sequential b = model(1, null, "mse");
        History flat = a.fit(X, Y.reshape(Y.length()), quiet(1));
        History column = b.fit(X, Y, quiet(1));
        assertEquals(column.history().get("loss"), flat.history().get("loss"), "(N,) targets as (N, 1)");
    }

    @Test
    void sequentialStartsFromAnInputTensorAndInputTakesABatchShape() {
        Sequential s = new Sequential();
        s.add(io.keras4j.layers.Input.of(3));
        s.add(new io.keras4j.layers.Dense(2));
        assertArrayEquals(new long[]{-1, 2}, s.outputs().get(0).shape());
        io.keras4j.engine.KerasTensor fixed = io.keras4j.layers.Input.ofBatchShape(8, 3);
        assertArrayEquals(new long[]{8, 3}, fixed.shape());
        assertThrows(IllegalArgumentException.class, () -> s.add(new io.keras4j.layers.Dense(1).apply(fixed)));
    }
}
