package io.keras4j.training;

import io.keras4j.backend.FastPaths;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.LSTM;
import io.keras4j.callbacks.History;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic paths (plain ND4J ops, what a backend without host memory runs) train as the host-memory fast paths do:
 * the same seeded models, trained with {@link FastPaths} on and off, end with the same weights, losses, metrics and
 * predictions. The models take every fast path: the fused LSTM, the convolution patch matrix with its kernel-and-bias
 * copy, CBLAS GEMMs, the host Adam and RMSprop loops, the host crossentropy and the metrics' host reads.
 */
class GenericPathTest {
    private static final int SAMPLES = 24;

    @AfterEach
    void restore() {
        FastPaths.setEnabled(!"false".equals(System.getProperty("keras4j.fastPaths")));
    }

    private static Sequential model(String kind, String optimizer) {
        Utils.setRandomSeed(7);
        Sequential m = new Sequential();
        if (kind.equals("lstm")) {
            m.add(new LSTM(5).inputShape(6, 4));
        } else {
            m.add(new Conv2D(4, 3).inputShape(8, 8, 1));
            m.add(new Flatten());
        }
        m.add(new Dense(3, "softmax"));
        m.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private record Run(List<INDArray> weights, List<Double> losses, List<Double> accuracies, INDArray predictions) {
    }

    private static Run train(boolean fast, String kind, String optimizer) {
        FastPaths.setEnabled(fast);
        Nd4j.getRandom().setSeed(11);
        INDArray x = kind.equals("lstm") ? Nd4j.rand(DataType.FLOAT, SAMPLES, 6, 4) : Nd4j.rand(DataType.FLOAT, SAMPLES, 8, 8, 1);
        INDArray y = Nd4j.createFromArray(new float[SAMPLES]);
        for (int i = 0; i < SAMPLES; i++) {
            y.putScalar(i, i % 3);
        }
        Sequential m = model(kind, optimizer);
        History h = m.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0).shuffle(false));
        return new Run(m.getWeights(), h.history().get("loss"), h.history().get("accuracy"), m.predict(x));
    }

    @ParameterizedTest
    @CsvSource({"lstm,adam", "lstm,rmsprop", "conv,adam", "conv,rmsprop"})
    void trainsAsTheFastPaths(String kind, String optimizer) {
        Run fast = train(true, kind, optimizer);
        Run generic = train(false, kind, optimizer);
        assertFalse(FastPaths.enabled(), "the switch turns the fast paths off");
        for (int i = 0; i < fast.weights().size(); i++) {
            assertClose("weight " + i, fast.weights().get(i), generic.weights().get(i));
        }
        for (int e = 0; e < fast.losses().size(); e++) {
            assertTrue(Math.abs(fast.losses().get(e) - generic.losses().get(e)) <= 1e-5,
                    "loss of epoch " + e + ": " + fast.losses() + " against " + generic.losses());
        }
        assertArrayEquals(fast.accuracies().stream().mapToDouble(Double::doubleValue).toArray(),
                generic.accuracies().stream().mapToDouble(Double::doubleValue).toArray(), 1e-6);
        assertClose("predictions", fast.predictions(), generic.predictions());
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, what + ": max difference " + diff);
    }
}
