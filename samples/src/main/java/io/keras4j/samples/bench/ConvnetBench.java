package io.keras4j.samples.bench;

import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.samples.MnistConvnet;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the mnist_convnet model (batch 128, Adam, categorical crossentropy) in
 * samples per second: one warm-up epoch, then {@code epochs} timed epochs of {@code batches} batches of
 * random images, each timed separately; prints the median. The same measurement for Keras 3 and PyTorch
 * is samples/src/test/python/convnet_bench.py. Also prints samples per CPU-second of the whole process, which
 * stays meaningful on a machine shared with other jobs (with {@code OMP_NUM_THREADS=1} it is the single-core
 * throughput).
 *
 * <p>Usage: {@code ConvnetBench [batches] [epochs]} (defaults 40 and 3). Run with the env var
 * {@code OMP_NUM_THREADS=1} for single-thread figures.
 */
public final class ConvnetBench {
    private ConvnetBench() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batchSize = 128;
        int n = batches * batchSize;
        Utils.setRandomSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 28, 28, 1);
        INDArray labels = Nd4j.createFromArray(new java.util.Random(42).ints(n, 0, 10).toArray()).castTo(DataType.FLOAT);
        INDArray y = Utils.toCategorical(labels, 10);
        Sequential model = MnistConvnet.model();
        model.compile("adam", "categorical_crossentropy", "accuracy");
        FitOptions options = new FitOptions().batchSize(batchSize).epochs(1).verbose(0).shuffle(false);
        FitThroughput.measure("mnist_convnet", model, x, y, options, epochs);
    }
}
