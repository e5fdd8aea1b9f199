package io.keras4j.models;

import io.keras4j.backend.Backend;
import io.keras4j.callbacks.History;
import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training API on small real problems: determinism, validation, the *OnBatch methods, verbosity. */
class ModelTrainingTest {
    /** 256 samples of 8 features; the class is the argmax of a fixed linear map (learnable). */
    static INDArray[] data(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 8).subi(0.5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 8, 3).subi(0.5);
        INDArray labels = x.mmul(w).argMax(1);
        return new INDArray[]{x, Utils.toCategorical(labels, 3), labels};
    }

    static Sequential mlp() {
        Sequential model = new Sequential();
        model.add(new Dense(16, "relu").inputShape(8));
        model.add(new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return model;
    }

    @Test
    void setRandomSeedMakesTrainingReproducible() {
        INDArray[] d = data(1, 256);
        Utils.setRandomSeed(42);
        Sequential first = mlp();
        History h1 = first.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(32).verbose(0));
        Utils.setRandomSeed(42);
        Sequential second = mlp();
        History h2 = second.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(32).verbose(0));
        assertEquals(h1.history(), h2.history());
        List<INDArray> w1 = first.getWeights();
        List<INDArray> w2 = second.getWeights();
        for (int i = 0; i < w1.size(); i++) {
            assertEquals(w1.get(i), w2.get(i), "weight " + i);
        }
    }

    @Test
    void learnsASeparableProblem() {
        INDArray[] d = data(2, 512);
        Utils.setRandomSeed(3);
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(8), new Dense(3, "softmax"));
        model.compile(new io.keras4j.optimizers.Adam(0.02), "categorical_crossentropy", "accuracy");
        History h = model.fit(d[0], d[1], new FitOptions().epochs(15).batchSize(32).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) / 3, "loss falls: " + loss);
        assertTrue(model.evaluate(d[0], d[1], 64, 0)[1] > 0.9);
    }

    @Test
    void validationSplitHoldsOutTheLastSamples() {
        INDArray[] d = data(4, 100);
        Utils.setRandomSeed(5);
        Sequential model = mlp();
        History h = model.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(16).validationSplit(0.2).verbose(0));
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), List.copyOf(h.history().keySet()));
        INDArray xVal = d[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yVal = d[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100), org.nd4j.linalg.indexing.NDArrayIndex.all());
        Map<String, Double> eval = model.evaluateToMap(xVal, yVal);
        assertEquals(eval.get("loss"), h.history().get("val_loss").get(1), 1e-6);
        assertEquals(eval.get("accuracy"), h.history().get("val_accuracy").get(1), 1e-9);
    }

    @Test
    void validationDataIsReportedWithValPrefix() {
        INDArray[] d = data(6, 64);
        INDArray[] v = data(7, 32);
        Sequential model = mlp();
        History h = model.fit(d[0], d[1], new FitOptions().epochs(1).batchSize(16).validationData(v[0], v[1]).verbose(0));
        assertEquals(model.evaluateToMap(v[0], v[1]).get("loss"), h.history().get("val_loss").get(0), 1e-6);
    }

    @Test
    void onBatchMethodsAgreeWithTheLoops() {
        INDArray[] d = data(8, 32);
        Sequential model = mlp();
        double[] test = model.testOnBatch(d[0], d[1]);
        double[] eval = model.evaluate(d[0], d[1], 32, 0);
        assertArrayEquals(eval, test, 1e-6);
        assertEquals(model.predict(d[0]), model.predictOnBatch(d[0]));
        double[] train = model.trainOnBatch(d[0], d[1]);
        assertEquals(2, train.length);
        assertEquals(test[0], train[0], 1e-6, "train_on_batch reports the loss before its update");
        assertTrue(model.testOnBatch(d[0], d[1])[0] < test[0], "the update lowered the loss");
    }

    @Test
    void sgdStepMatchesTheHandComputedUpdate() {
        // one Dense(1) unit, MSE, SGD(lr 0.1): w -= lr * 2/N * x^T (xw + b - y)
        Sequential model = new Sequential(new Dense(1).inputShape(2));
        model.compile(new SGD(0.1), "mse");
        model.setWeights(List.of(Nd4j.createFromArray(new float[][]{{0.5f}, {-1f}}), Nd4j.createFromArray(0.25f)));
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, -1}});
        INDArray y = Nd4j.createFromArray(new float[][]{{0}, {1}});
        double[] loss = model.trainOnBatch(x, y);
        // predictions: 0.5 - 2 + 0.25 = -1.25 and 1.5 + 1 + 0.25 = 2.75; errors -1.25, 1.75
        assertEquals((1.25 * 1.25 + 1.75 * 1.75) / 2, loss[0], 1e-6);
        List<INDArray> w = model.getWeights();
        // dL/dw = (2/2) * [1*-1.25 + 3*1.75, 2*-1.25 + -1*1.75] = [4.0, -4.25]; dL/db = -1.25 + 1.75 = 0.5
        assertArrayEquals(new float[]{0.5f - 0.4f, -1f + 0.425f}, w.get(0).reshape(2).toFloatVector(), 1e-6f);
        assertEquals(0.25 - 0.05, w.get(1).getDouble(0), 1e-6);
    }

    @Test
    void sharedLayerGradientsAccumulateOverItsCalls() {
        // y = w*a + w*b with a shared Dense(1, no bias): dL/dw sums both paths
        KerasTensor a = Input.of(1);
        KerasTensor b = Input.of(1);
        Dense shared = new Dense(1).useBias(false);
        Model model = new Model(List.of(a, b), List.of(shared.apply(a), shared.apply(b)));
        model.compile(new CompileOptions().optimizer(new SGD(0.1)).loss("mse", "mse"));
        model.setWeights(List.of(Nd4j.createFromArray(new float[][]{{2f}})));
        INDArray xa = Nd4j.createFromArray(new float[][]{{1f}});
        INDArray xb = Nd4j.createFromArray(new float[][]{{3f}});
        INDArray ya = Nd4j.createFromArray(new float[][]{{0f}});
        INDArray yb = Nd4j.createFromArray(new float[][]{{0f}});
        model.fit(new INDArray[]{xa, xb}, new INDArray[]{ya, yb}, new FitOptions().epochs(1).batchSize(1).verbose(0));
        // L = (2*1)^2 + (2*3)^2; dL/dw = 2*2*1*1 + 2*6*3 = 4 + 36 = 40; w = 2 - 0.1 * 40 = -2
        assertEquals(-2.0, model.getWeights().get(0).getDouble(0), 1e-5);
    }

    @Test
    void predictAllReturnsEveryOutputInOrder() {
        KerasTensor in = Input.of(4);
        KerasTensor h = new Dense(3, "relu").apply(in);
        Model model = new Model(List.of(in), List.of(new Dense(2).apply(h), new Dense(5, "softmax").apply(h)));
        List<INDArray> out = model.predictAll(Nd4j.rand(DataType.FLOAT, 7, 4));
        assertArrayEquals(new long[]{7, 2}, out.get(0).shape());
        assertArrayEquals(new long[]{7, 5}, out.get(1).shape());
    }

    @Test
    void sequentialWithoutInputShapeBuildsFromTheFirstData() {
        Sequential model = new Sequential(new Dense(4, "relu"), new Dense(2));
        assertFalse(model.isGraphBuilt());
        INDArray y = model.predict(Nd4j.rand(DataType.FLOAT, 5, 6));
        assertArrayEquals(new long[]{5, 2}, y.shape());
        assertEquals(6 * 4 + 4 + 4 * 2 + 2, model.countParams());
    }

    @Test
    void verboseTwoPrintsOneLinePerEpochAndZeroNothing() {
        INDArray[] d = data(9, 64);
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            mlp().fit(d[0], d[1], new FitOptions().epochs(2).batchSize(16).verbose(0));
            assertEquals("", buffer.toString(StandardCharsets.UTF_8));
            mlp().fit(d[0], d[1], new FitOptions().epochs(2).batchSize(16).verbose(2));
        } finally {
            System.setOut(stdout);
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("|", lines));
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("4/4 - \\d+s - \\d+(ms|us|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}"), lines[1]);
        assertEquals("Epoch 2/2", lines[2]);
    }

    @Test
    void float64WorksEndToEnd() {
        String floatx = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            INDArray[] d = data(10, 64);
            Sequential model = mlp();
            History h = model.fit(d[0].castTo(DataType.DOUBLE), d[1].castTo(DataType.DOUBLE),
                    new FitOptions().epochs(2).batchSize(16).verbose(0));
            assertEquals(DataType.DOUBLE, model.getWeights().get(0).dataType());
            assertEquals(DataType.DOUBLE, model.predict(d[0].castTo(DataType.DOUBLE)).dataType());
            assertEquals(2, h.history().get("loss").size());
        } finally {
            Backend.setFloatx(floatx);
        }
    }

    @Test
    void sparseLabelsTrainWithSparseCrossentropyAndAccuracy() {
        INDArray[] d = data(11, 128);
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(8), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(d[0], d[2], new FitOptions().epochs(2).batchSize(32).verbose(0));
        assertTrue(h.history().containsKey("accuracy"));
        double sparse = model.evaluate(d[0], d[2], 32, 0)[0];
        Sequential dense = new Sequential(new Dense(16, "relu").inputShape(8), new Dense(3, "softmax"));
        dense.compile("adam", "categorical_crossentropy", "accuracy");
        dense.predict(d[0]);
        dense.setWeights(model.getWeights());
        assertEquals(sparse, dense.evaluate(d[0], d[1], 32, 0)[0], 1e-6, "sparse and one-hot crossentropy agree");
    }
}
