package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L1L2;
import io.keras4j.regularizers.L2;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code activity_regularizer} on any layer, as Keras 3: {@code regularizer(output) / batch_size} joins the loss with its
 * gradient (activity_regularizer_goldens.txt, from src/test/python/activity_regularizer_goldens.py), and the key
 * round-trips through the config.
 */
class ActivityRegularizerTest {
    private static final String FILE = "activity_regularizer_goldens.txt";

    private static Sequential model(String name) {
        return switch (name) {
            case "dense" -> new Sequential(new Dense(3).activityRegularizer(new L2(0.5)).inputShape(4), new Dense(2));
            case "conv1d" -> new Sequential(new Conv1D(3, 2).activation("relu").activityRegularizer(new L1(0.1)).inputShape(5, 2),
                    new Flatten(), new Dense(2));
            case "lstm" -> new Sequential(new LSTM(4).activityRegularizer(new L2(0.3)).inputShape(3, 2), new Dense(2));
            case "dropout" -> new Sequential(new Dense(3).inputShape(4), new Dropout(0.0).activityRegularizer(new L1L2(0.1, 0.2)),
                    new Dense(2));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static INDArray data(long... shape) {
        long cols = 1;
        for (int d = 1; d < shape.length; d++) {
            cols *= shape[d];
        }
        float[] v = new float[(int) (shape[0] * cols)];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < cols; j++) {
                v[(int) (i * cols + j)] = (float) Math.sin(0.37 * i + 0.91 * j);
            }
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static void fill(Sequential model) {
        List<INDArray> values = new ArrayList<>();
        List<INDArray> current = model.getWeights();
        for (int w = 0; w < current.size(); w++) {
            float[] v = new float[(int) current.get(w).length()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (0.1 * Math.sin(1.3 * k + w + 1));
            }
            values.add(Nd4j.create(v, current.get(w).shape(), 'c'));
        }
        model.setWeights(values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "conv1d", "lstm", "dropout"})
    void lossAndOneStepEqualKeras(String name) {
        Sequential model = model(name);
        fill(model);
        INDArray x = switch (name) {
            case "conv1d" -> data(6, 5, 2);
            case "lstm" -> data(6, 3, 2);
            default -> data(6, 4);
        };
        INDArray y = data(6, 2).muli(0.5);
        model.compile(new SGD(0.1), "mse");
        assertEquals(RnnGoldens.get(FILE, name + ".loss").getDouble(0), model.evaluate(x, y, 32, 0)[0], 1e-6, name + " loss");
        model.trainOnBatch(x, y);
        List<INDArray> weights = model.getWeights();
        for (int w = 0; w < weights.size(); w++) {
            INDArray expected = RnnGoldens.get(FILE, name + ".weights" + w);
            double diff = expected.sub(weights.get(w).castTo(DataType.DOUBLE).reshape(expected.shape())).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, name + " weight " + w + " after one step: max diff " + diff);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "conv1d", "lstm", "dropout"})
    void theKeyRoundTripsThroughTheConfig(String name) {
        Layer layer = model(name).layers().get(name.equals("dropout") ? 1 : 0);
        Map<String, Object> config = layer.getConfig();
        assertTrue(config.get("activity_regularizer") != null, name + ": " + config);
        Layer back = io.keras4j.engine.LayerProvider.fromConfig(layer.className(), config);
        assertEquals(layer.activityRegularizer().getConfig(), back.activityRegularizer().getConfig());
    }
}
