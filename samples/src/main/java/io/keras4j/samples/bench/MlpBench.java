package io.keras4j.samples.bench;

import io.keras4j.datasets.FashionMnist;
import io.keras4j.datasets.TrainTestData;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.ops.Ops;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Training speed of the seed model (784-512-10, RMSprop, batch 128) on Fashion-MNIST: samples per second
 * of the training loop only (fit with verbose 0, after one warm-up epoch), and peak memory. With {@code linear} as the
 * third argument, the two Dense layers are the {@code Linear} layer of Keras's subclassing guide (build and call with
 * {@code io.keras4j.ops}, gradients from the tape) followed by relu/softmax Activation layers.
 *
 * <pre>java ... io.keras4j.samples.bench.MlpBench [epochs=3] [optimizer=rmsprop] [dense|linear]</pre>
 */
public final class MlpBench {
    private MlpBench() {
    }

    /** The guide's Linear layer: {@code x @ w + b} with ops, no backward. */
    static final class Linear extends Layer {
        private final int units;
        private Variable w;
        private Variable b;

        Linear(int units) {
            this.units = units;
        }

        @Override
        protected void build(long[] inputShape) {
            w = addWeight("w", new long[]{inputShape[inputShape.length - 1], units}, "glorot_uniform");
            b = addWeight("b", new long[]{units}, "zeros");
        }

        @Override
        protected INDArray call(INDArray x, CallContext ctx) {
            return Ops.add(Ops.matmul(x, w.value()), b.value());
        }
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String optimizer = args.length > 1 ? args[1] : "rmsprop";
        boolean linear = args.length > 2 && args[2].equals("linear");
        TrainTestData data = FashionMnist.loadData();
        INDArray x = data.xTrain().reshape(60000, 28 * 28).castTo(DataType.FLOAT).div(255);
        INDArray y = Utils.toCategorical(data.yTrain());
        Utils.setRandomSeed(1);
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(28 * 28));
        if (linear) {
            model.add(new Linear(512));
            model.add(new Activation("relu"));
            model.add(new Linear(10));
            model.add(new Activation("softmax"));
        } else {
            model.add(new Dense(512, "relu"));
            model.add(new Dense(10, "softmax"));
        }
        model.compile(optimizer, "categorical_crossentropy", "accuracy");
        model.fit(x, y, new FitOptions().epochs(1).batchSize(128).verbose(0));
        long start = System.nanoTime();
        model.fit(x, y, new FitOptions().epochs(epochs).batchSize(128).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long peakRss = PeakMemory.peakResidentBytes();
        System.out.printf(Locale.ROOT, "MlpBench %s%s: %d epochs x 60000 samples in %.2f s = %.0f samples/s; "
                        + "heap used %.0f MB; peak RSS %s; OMP_NUM_THREADS=%s%n",
                optimizer, linear ? " (Linear layers on the tape)" : "", epochs, seconds, epochs * 60000 / seconds, (rt.totalMemory() - rt.freeMemory()) / 1e6,
                peakRss < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", peakRss / 1e6), System.getenv("OMP_NUM_THREADS"));
    }
}
