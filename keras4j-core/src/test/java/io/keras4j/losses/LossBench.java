package io.keras4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Timing of {@link Loss#computeWithGradient} on the seed model's output (a [128, 10] float32 softmax); not a
 * test. Run with OMP_NUM_THREADS=1: {@code java -cp <keras4j-core test classpath> io.keras4j.losses.LossBench [rounds]}.
 * Prints the median time per call, in microseconds, of each round.
 */
final class LossBench {
    private LossBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Nd4j.getRandom().setSeed(1);
        INDArray pred = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(
                Nd4j.randn(DataType.FLOAT, 128, 10), Nd4j.create(DataType.FLOAT, 128, 10), 1))[0];
        INDArray labels = Nd4j.createFromArray(new java.util.Random(2).ints(128, 0, 10).asDoubleStream().toArray())
                .castTo(DataType.FLOAT);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            oneHot.putScalar(i, labels.getInt(i), 1f);
        }
        INDArray target = Nd4j.rand(DataType.FLOAT, 128, 10);
        Object[][] cases = {
                {"categorical_crossentropy", new CategoricalCrossentropy(), oneHot},
                {"sparse_categorical_crossentropy", new SparseCategoricalCrossentropy(), labels},
                {"binary_crossentropy", new BinaryCrossentropy(), oneHot},
                {"mean_squared_error", new MeanSquaredError(), target},
        };
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (Object[] c : cases) {
                line.append(String.format("  %s %.1f us", c[0], median((Loss) c[1], (INDArray) c[2], pred)));
            }
            System.out.println(line);
        }
    }

    private static double median(Loss loss, INDArray yTrue, INDArray yPred) {
        for (int i = 0; i < 300; i++) {
            loss.computeWithGradient(yTrue, yPred, null);
        }
        double[] us = new double[21];
        for (int s = 0; s < us.length; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                loss.computeWithGradient(yTrue, yPred, null);
            }
            us[s] = (System.nanoTime() - t0) / 100e3;
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }
}
