package io.keras4j.random;

import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import io.keras4j.initializers.RandomNormal;
import io.keras4j.initializers.RandomUniform;
import io.keras4j.initializers.TruncatedNormal;
import io.keras4j.ops.Ops;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Random draws, as {@code keras.random}: {@code normal}, {@code uniform}, {@code truncated_normal}, {@code dropout} and
 * {@code shuffle} ({@link Ops#take} of a permutation). The {@code seed} argument is as Keras's: a {@code long} gives
 * the same values on every call; a {@link SeedGenerator} gives the next values of its stream; none (or a null generator)
 * draws from the global random state that {@code Utils.setRandomSeed} seeds. {@code dtype} null means {@code floatx}.
 */
public final class Random {
    private Random() {
    }

    private static Long seedOf(SeedGenerator seed) {
        return seed == null ? null : seed.next();
    }

    private static DataType dtype(String op, String dtype) {
        DataType type = dtype == null ? Backend.floatxType() : Backend.parseDtype(dtype, "random." + op + " dtype");
        if (!type.isFPType()) {
            throw new IllegalArgumentException("random." + op + ": dtype must be a float type, got '" + dtype + "'");
        }
        return type;
    }

    /** Standard normal values of {@code floatx}, as {@code keras.random.normal(shape)}. */
    public static INDArray normal(long... shape) {
        return normal(shape, 0.0, 1.0, null, null);
    }

    /** Normal values, as {@code keras.random.normal(shape, mean, stddev, dtype, seed=SeedGenerator)}. */
    public static INDArray normal(long[] shape, double mean, double stddev, String dtype, SeedGenerator seed) {
        return new RandomNormal(mean, stddev, seedOf(seed)).apply(shape, dtype("normal", dtype));
    }

    /** Normal values, the same for every call with the same {@code seed}. */
    public static INDArray normal(long[] shape, double mean, double stddev, String dtype, long seed) {
        return new RandomNormal(mean, stddev, seed).apply(shape, dtype("normal", dtype));
    }

    /** Values uniform in {@code [0, 1)}, as {@code keras.random.uniform(shape)}. */
    public static INDArray uniform(long... shape) {
        return uniform(shape, 0.0, 1.0, null, null);
    }

    /** Values uniform in {@code [minval, maxval)}, as {@code keras.random.uniform(shape, minval, maxval, dtype, seed)}. */
    public static INDArray uniform(long[] shape, double minval, double maxval, String dtype, SeedGenerator seed) {
        return new RandomUniform(minval, maxval, seedOf(seed)).apply(shape, dtype("uniform", dtype));
    }

    /** Uniform values, the same for every call with the same {@code seed}. */
    public static INDArray uniform(long[] shape, double minval, double maxval, String dtype, long seed) {
        return new RandomUniform(minval, maxval, seed).apply(shape, dtype("uniform", dtype));
    }

    /** Normal values re-drawn beyond two standard deviations, as {@code keras.random.truncated_normal(shape)}. */
    public static INDArray truncatedNormal(long... shape) {
        return truncatedNormal(shape, 0.0, 1.0, null, null);
    }

    /** Truncated normal values, as {@code keras.random.truncated_normal(shape, mean, stddev, dtype, seed)}. */
    public static INDArray truncatedNormal(long[] shape, double mean, double stddev, String dtype, SeedGenerator seed) {
        return new TruncatedNormal(mean, stddev, seedOf(seed)).apply(shape, dtype("truncated_normal", dtype));
    }

    /** Truncated normal values, the same for every call with the same {@code seed}. */
    public static INDArray truncatedNormal(long[] shape, double mean, double stddev, String dtype, long seed) {
        return new TruncatedNormal(mean, stddev, seed).apply(shape, dtype("truncated_normal", dtype));
    }

    /**
     * {@code inputs} with a fraction {@code rate} of its entries set to 0 and the rest scaled by {@code 1 / (1 - rate)},
     * as {@code keras.random.dropout(inputs, rate)}; differentiable (the gradient goes through the kept entries, scaled).
     */
    public static INDArray dropout(INDArray inputs, double rate) {
        return dropout(inputs, rate, null, null);
    }

    /**
     * Dropout with a {@code noiseShape} (null: the inputs' shape; sizes of 1 share one draw along that axis, as
     * {@code noise_shape}) and a seed generator.
     */
    public static INDArray dropout(INDArray inputs, double rate, long[] noiseShape, SeedGenerator seed) {
        return dropoutWith(inputs, rate, noiseShape, seedOf(seed));
    }

    /** Dropout with the same mask for every call with the same {@code seed}. */
    public static INDArray dropout(INDArray inputs, double rate, long[] noiseShape, long seed) {
        return dropoutWith(inputs, rate, noiseShape, seed);
    }

    private static INDArray dropoutWith(INDArray inputs, double rate, long[] noiseShape, Long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("random.dropout: rate must be in [0, 1), got " + rate);
        }
        if (!inputs.dataType().isFPType()) {
            throw new IllegalArgumentException("random.dropout: inputs must be a float array, got " + Backend.dtypeName(inputs.dataType()));
        }
        long[] shape = noiseShape == null ? inputs.shape() : noiseShape;
        if (shape.length != inputs.rank() || !broadcastable(shape, inputs.shape())) {
            throw new IllegalArgumentException("random.dropout: noise_shape " + Arrays.toString(shape)
                    + " must have one size per axis of inputs " + Arrays.toString(inputs.shape()) + ", each equal to it or 1");
        }
        INDArray u = new RandomUniform(0.0, 1.0, seed).apply(shape, inputs.dataType());
        INDArray mask = u.gte(rate).castTo(inputs.dataType()).divi(1 - rate);
        INDArray fullMask = Arrays.equals(shape, inputs.shape()) ? mask : mask.broadcast(inputs.shape());
        INDArray out = inputs.mul(fullMask);
        Tape.record(out, (g, needs) -> new INDArray[]{g.mul(fullMask)}, inputs);
        return out;
    }

    private static boolean broadcastable(long[] noise, long[] shape) {
        for (int i = 0; i < shape.length; i++) {
            if (noise[i] != shape[i] && noise[i] != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code x} with its entries along axis 0 in random order, as {@code keras.random.shuffle(x)}; a gather, differentiable. */
    public static INDArray shuffle(INDArray x) {
        return shuffleWith(x, 0, RandomState.shuffler());
    }

    /** {@code x} shuffled along {@code axis} with the next seed of {@code seed} (null: the global state). */
    public static INDArray shuffle(INDArray x, int axis, SeedGenerator seed) {
        return shuffleWith(x, axis, seed == null ? RandomState.shuffler() : new java.util.Random(seed.next()));
    }

    /** {@code x} shuffled along {@code axis}, in the same order for every call with the same {@code seed}. */
    public static INDArray shuffle(INDArray x, int axis, long seed) {
        return shuffleWith(x, axis, new java.util.Random(seed));
    }

    private static INDArray shuffleWith(INDArray x, int axis, java.util.Random rng) {
        if (x.rank() == 0 || axis < -x.rank() || axis >= x.rank()) {
            throw new IllegalArgumentException("random.shuffle: axis " + axis + " is out of bounds for an array of shape "
                    + Arrays.toString(x.shape()));
        }
        int a = axis < 0 ? axis + x.rank() : axis;
        long n = x.size(a);
        int[] order = new int[Math.toIntExact(n)];
        Arrays.setAll(order, i -> i);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return Ops.take(x, Nd4j.createFromArray(order), a);
    }
}
