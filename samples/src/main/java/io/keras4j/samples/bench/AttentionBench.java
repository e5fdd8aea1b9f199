package io.keras4j.samples.bench;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GlobalAveragePooling1D;
import io.keras4j.layers.Input;
import io.keras4j.layers.MultiHeadAttention;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of a small self-attention model in samples per second: Input (64 steps, 128 dims) ->
 * MultiHeadAttention(num_heads=4, key_dim=32) over (x, x) -> GlobalAveragePooling1D -> Dense(10, softmax), batch 64,
 * Adam, categorical crossentropy, random inputs. One warm-up epoch, then {@code epochs} timed epochs of
 * {@code batches} batches, each timed separately; prints the median samples/s (wall clock) and samples per CPU-second
 * of the process. The same measurement for Keras 3 (TensorFlow) and PyTorch ({@code nn.MultiheadAttention}) is
 * samples/src/test/python/attention_bench.py.
 *
 * <p>Usage: {@code AttentionBench [batches] [epochs]} (defaults 30 and 3). Run with the env var
 * {@code OMP_NUM_THREADS=1} for single-thread figures.
 */
public final class AttentionBench {
    private AttentionBench() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batchSize = 64;
        int n = batches * batchSize;
        Utils.setRandomSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 64, 128);
        INDArray labels = Nd4j.createFromArray(new java.util.Random(42).ints(n, 0, 10).toArray()).castTo(DataType.FLOAT);
        INDArray y = Utils.toCategorical(labels, 10);
        KerasTensor input = Input.of(64, 128);
        KerasTensor attended = new MultiHeadAttention(4, 32).apply(input, input);
        KerasTensor output = new Dense(10, "softmax").apply(new GlobalAveragePooling1D().apply(attended));
        Model model = new Model(input, output);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        FitOptions options = new FitOptions().batchSize(batchSize).epochs(1).verbose(0).shuffle(false);
        FitThroughput.measure("MultiHeadAttention(4, 32) T=64 dim=128", model, x, y, options, epochs);
    }
}
