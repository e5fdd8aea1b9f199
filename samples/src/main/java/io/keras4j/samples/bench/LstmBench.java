package io.keras4j.samples.bench;

import io.keras4j.layers.Dense;
import io.keras4j.layers.LSTM;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of LSTM(64) over length-100 sequences: input (batch, 100, 32) -> LSTM(64) ->
 * Dense(1, sigmoid), binary cross-entropy, Adam, batch 128, float32. Prints samples/s of {@code fit}
 * after one warm-up epoch. The same model in Keras 3 and PyTorch: samples/src/test/python/lstm_bench.py.
 *
 * <p>Run: {@code java -cp ... io.keras4j.samples.bench.LstmBench [samples] [epochs]} (default 2048, 3);
 * set {@code OMP_NUM_THREADS=1} for single-threaded ND4J.
 */
public final class LstmBench {
    private LstmBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Utils.setRandomSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 100, 32).subi(0.5);
        INDArray y = x.sum(1, 2).gt(0).castTo(DataType.FLOAT).reshape(n, 1);
        Sequential model = new Sequential();
        // the recurrent initializer does not change the timing; Keras's default "orthogonal" comes with the initializers work
        model.add(new LSTM(64).recurrentInitializer("glorot_uniform").inputShape(100, 32));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        FitOptions options = new FitOptions().epochs(1).batchSize(128).verbose(0);
        model.fit(x, y, options);
        long start = System.nanoTime();
        model.fit(x, y, new FitOptions().epochs(epochs).batchSize(128).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("keras4j LSTM(64) T=100 F=32 batch=128: %.1f samples/s (OMP_NUM_THREADS=%s)%n",
                n * (double) epochs / seconds, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }
}
