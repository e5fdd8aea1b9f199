package io.keras4j.autodiff;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.layers.RnnGoldens;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.ops.GradientTape;
import io.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static io.keras4j.ops.Ops.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three Keras guides on custom code, ported, against real Keras 3: from the same weights and data, the same losses
 * and weights after several steps (guides_goldens.txt, written by src/test/python/guides_goldens.py).
 */
class KerasGuidesGoldenTest {
    private static final String FILE = "guides_goldens.txt";

    /** The weights of guides_goldens.py: value k of weight w is 0.1 * sin(1.3 k + w + 1). */
    static void fill(Model model) {
        List<INDArray> values = new ArrayList<>();
        List<INDArray> current = model.getWeights();
        for (int w = 0; w < current.size(); w++) {
            long n = current.get(w).length();
            float[] v = new float[(int) n];
            for (int k = 0; k < n; k++) {
                v[k] = (float) (0.1 * Math.sin(1.3 * k + w + 1));
            }
            values.add(Nd4j.create(v, current.get(w).shape(), 'c'));
        }
        model.setWeights(values);
    }

    /** The data of guides_goldens.py: x[i, j] = sin(0.37 i + 0.91 j), y[i] = one_hot(i % classes). */
    static INDArray[] data(int n, int features, int classes) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, features);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                x.putScalar(i, j, (float) Math.sin(0.37 * i + 0.91 * j));
            }
            y.putScalar(i, i % classes, 1f);
        }
        return new INDArray[]{x, y};
    }

    private static void assertGoldenWeights(String golden, Model model) {
        List<INDArray> weights = model.getWeights();
        for (int w = 0; w < weights.size(); w++) {
            INDArray expected = RnnGoldens.get(FILE, golden + ".weights" + w);
            INDArray actual = weights.get(w).castTo(DataType.DOUBLE).reshape(expected.shape());
            double diff = expected.sub(actual).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, golden + " weight " + w + ": max diff " + diff);
        }
    }

    private static void assertGolden(String key, double[] actual) {
        double[] expected = RnnGoldens.get(FILE, key).toDoubleVector();
        assertEquals(expected.length, actual.length, key);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, key + "[" + i + "]");
        }
    }

    @Test
    void customLayerWithAddLoss() {
        INDArray[] xy = data(16, 4, 2);
        Sequential model = new Sequential(new Linear(3).inputShape(4), new CustomLayerTest.ActivityRegularizationLayer(0.05),
                new Dense(2, "softmax"));
        fill(model);
        model.compile(new SGD(0.5), "categorical_crossentropy");
        double[] losses = new double[3];
        for (int step = 0; step < 3; step++) {
            losses[step] = model.trainOnBatch(xy[0], xy[1])[0];
        }
        assertGolden("custom_layer.losses", losses);
        assertGoldenWeights("custom_layer", model);
    }

    @Test
    void subclassedModelWithItsOwnTrainStep() {
        INDArray[] xy = data(32, 4, 3);
        SubclassedModelTest.CustomModel model = new SubclassedModelTest.CustomModel();
        model.predict(xy[0]);
        fill(model);
        model.compile(new SGD(0.3), "categorical_crossentropy", "accuracy");
        var history = model.fit(xy[0], xy[1], new FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0));
        assertGolden("custom_train_step.loss", history.history().get("loss").stream().mapToDouble(Double::doubleValue).toArray());
        assertGolden("custom_train_step.accuracy", history.history().get("accuracy").stream().mapToDouble(Double::doubleValue).toArray());
        assertGoldenWeights("custom_train_step", model);
    }

    @Test
    void trainingLoopFromScratch() {
        INDArray[] xy = data(32, 4, 3);
        KerasTensor in = Input.of(4);
        Model model = new Model(in, new Dense(3, "softmax").apply(new Dense(8, "relu").apply(in)));
        fill(model);
        SGD optimizer = new SGD(0.2);
        CategoricalCrossentropy lossFn = new CategoricalCrossentropy();
        double[] losses = new double[3];
        for (int step = 0; step < 3; step++) {
            List<INDArray> grads;
            try (GradientTape tape = new GradientTape()) {
                INDArray loss = mean(lossFn.call(xy[1], model.apply(xy[0], true)));
                losses[step] = loss.getDouble(0);
                grads = tape.gradient(loss, model.trainableWeights());
            }
            optimizer.applyGradients(grads, model.trainableWeights());
        }
        assertGolden("training_loop.losses", losses);
        assertGoldenWeights("training_loop", model);
    }
}
