package io.keras4j.samples.bench;

import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.models.Sequential;
import io.keras4j.ops.GradientTape;
import io.keras4j.ops.Ops;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The design measurement behind keras4j's eager tape: the gradients of the seed model (784-512-10, relu, softmax,
 * categorical crossentropy) for one batch of 128, computed by ND4J's SameDiff ({@code calculateGradients} on a graph
 * built once), by the keras4j tape over ops-only {@code Linear} layers, and by the tape over built-in Dense layers
 * (one fused node each). Milliseconds per gradient computation, median of the timed repetitions.
 *
 * <pre>java ... io.keras4j.samples.bench.SameDiffBench [repetitions=200]</pre>
 */
public final class SameDiffBench {
    private SameDiffBench() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        INDArray w0 = Nd4j.randn(DataType.FLOAT, 784, 512).muli(0.05);
        INDArray b0 = Nd4j.zeros(DataType.FLOAT, 512);
        INDArray w1 = Nd4j.randn(DataType.FLOAT, 512, 10).muli(0.05);
        INDArray b1 = Nd4j.zeros(DataType.FLOAT, 10);

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 784);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 10);
        SDVariable h = sd.nn().relu(in.mmul(sd.var("w0", w0.dup())).add(sd.var("b0", b0.dup())), 0);
        SDVariable out = sd.nn().softmax(h.mmul(sd.var("w1", w1.dup())).add(sd.var("b1", b1.dup())), 1);
        SDVariable loss = sd.loss().logLoss("loss", label, out, null, org.nd4j.autodiff.loss.LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 1e-7);
        sd.setLossVariables(loss);
        Map<String, INDArray> feed = Map.of("in", x, "label", y);
        double sameDiff = median(reps, () -> sd.calculateGradients(feed, "w0", "b0", "w1", "b1"));

        Sequential linear = new Sequential(new MlpBench.Linear(512).inputShape(784), new Activation("relu"),
                new MlpBench.Linear(10), new Activation("softmax"));
        linear.setWeights(List.of(w0, b0, w1, b1));
        double tapeOps = median(reps, () -> gradients(linear, x, y));

        Sequential dense = new Sequential(new Dense(512, "relu").inputShape(784), new Dense(10, "softmax"));
        dense.setWeights(List.of(w0, b0, w1, b1));
        double tapeDense = median(reps, () -> gradients(dense, x, y));

        System.out.printf(Locale.ROOT, "SameDiffBench (batch 128, 784-512-10, gradients only, median of %d): SameDiff %.2f ms, "
                + "tape over ops-only Linear layers %.2f ms, tape over Dense layers %.2f ms%n", reps, sameDiff, tapeOps, tapeDense);
    }

    private static List<INDArray> gradients(Sequential model, INDArray x, INDArray y) {
        try (GradientTape tape = new GradientTape()) {
            INDArray loss = Ops.mean(new CategoricalCrossentropy().call(y, model.apply(x, true)));
            return tape.gradient(loss, model.trainableWeights());
        }
    }

    private static double median(int reps, Runnable step) {
        for (int i = 0; i < Math.max(10, reps / 10); i++) {
            step.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[reps / 2];
    }
}
