package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializers;
import io.keras4j.utils.PyDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A preprocessing layer that normalizes continuous features, as keras/src/layers/preprocessing/normalization.py
 * {@code Normalization}: {@code y = (x - mean) / max(sqrt(variance), epsilon)} with {@code epsilon =
 * keras.config.epsilon()} (1e-7), or with {@code invert}, {@code y = mean + x * max(sqrt(variance), epsilon)}.
 *
 * <p>{@code mean} and {@code variance} are either given ({@link #mean}, {@link #variance}, broadcast to the kept
 * axes from the right) or learned by {@link #adapt(INDArray)} / {@link #adapt(PyDataset)}: the mean and
 * population variance over every axis not in {@code axis}, stored in the non-trainable weights {@code mean},
 * {@code variance} (and Keras's int64 {@code count}, kept for compatibility), so they are saved with the model.
 *
 * <p>Arguments: {@code axis} the axes that keep a separate mean and variance per index (default -1; no axes,
 * Keras's {@code axis=None}, means one scalar mean and variance); {@code mean}, {@code variance} (both or none);
 * {@code invert}. Input and output shapes are equal; the input gradient is the output gradient divided (or, with
 * {@code invert}, multiplied) by {@code max(sqrt(variance), epsilon)}.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();       // per feature on the last axis
 * norm.adapt(xTrain);
 * model.add(norm);
 * }</pre>
 */
public class Normalization extends Layer {
    private final int[] axis;
    private INDArray inputMean;
    private INDArray inputVariance;
    private boolean invert;
    private long[] buildShape;
    private int[] keepAxis;
    private int[] reduceAxis;
    private long[] broadcastShape;
    private long[] meanAndVarShape;
    private Variable adaptMean;
    private Variable adaptVariance;
    private INDArray givenMean;
    private INDArray givenVariance;

    /** Normalizes each index of the last axis ({@code axis=-1}). */
    public Normalization() {
        this(-1);
    }

    /** @param axis the axes to keep; none (Keras's {@code axis=None}) normalizes by one scalar mean and variance */
    public Normalization(int... axis) {
        this.axis = axis.clone();
    }

    /** The mean to use instead of adapting, as Keras's {@code mean=} (broadcast to the kept axes). */
    public Normalization mean(INDArray mean) {
        this.inputMean = mean == null ? null : mean.castTo(DataType.DOUBLE);
        return this;
    }

    /** A scalar mean, broadcast to every kept index. */
    public Normalization mean(double mean) {
        return mean(Nd4j.scalar(mean));
    }

    /** The variance to use instead of adapting, as Keras's {@code variance=}. */
    public Normalization variance(INDArray variance) {
        this.inputVariance = variance == null ? null : variance.castTo(DataType.DOUBLE);
        return this;
    }

    /** A scalar variance, broadcast to every kept index. */
    public Normalization variance(double variance) {
        return variance(Nd4j.scalar(variance));
    }

    /** Applies the inverse transformation, as Keras's {@code invert=True}. */
    public Normalization invert(boolean invert) {
        this.invert = invert;
        return this;
    }

    @Override
    protected void build(long[] inputShape) {
        checkGivenStatistics();
        int ndim = inputShape.length;
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException("Normalization \"" + name() + "\": all `axis` values must be in the range [-"
                        + ndim + ", " + ndim + "); received inputs with ndim=" + ndim + ", while axis=" + Arrays.toString(axis));
            }
        }
        buildShape = inputShape.clone();
        keepAxis = Arrays.stream(axis).map(a -> a < 0 ? a + ndim : a).sorted().distinct().toArray();
        reduceAxis = Standardize.complement(ndim, keepAxis);
        broadcastShape = new long[ndim];
        Arrays.fill(broadcastShape, 1);
        meanAndVarShape = new long[keepAxis.length];
        for (int i = 0; i < keepAxis.length; i++) {
            long size = inputShape[keepAxis[i]];
            if (size < 0) {
                throw new IllegalArgumentException("Normalization \"" + name() + "\": all `axis` values to be kept must have a known "
                        + "shape; received axis=" + Arrays.toString(axis) + ", input shape " + Arrays.toString(inputShape)
                        + ", with unknown axis at index " + keepAxis[i]);
            }
            broadcastShape[keepAxis[i]] = size;
            meanAndVarShape[i] = size;
        }
        if (inputMean == null) {
            adaptMean = addWeight("mean", meanAndVarShape, Initializers.get("zeros"), null, null, false);
            adaptVariance = addWeight("variance", meanAndVarShape, Initializers.get("ones"), null, null, false);
            addWeight("count", new long[0], Initializers.get("zeros"), null, null, false, DataType.LONG);
        } else {
            givenMean = broadcastGiven(inputMean, "mean");
            givenVariance = broadcastGiven(inputVariance, "variance");
        }
    }

    private void checkGivenStatistics() {
        if ((inputMean == null) != (inputVariance == null)) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": when setting values directly, both `mean` and "
                    + "`variance` must be set; received mean=" + inputMean + " and variance=" + inputVariance);
        }
        if (inputMean != null && !Arrays.equals(inputMean.shape(), inputVariance.shape())) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": `mean` and `variance` must have the same shape; "
                    + "received mean shape " + Arrays.toString(inputMean.shape()) + " and variance shape "
                    + Arrays.toString(inputVariance.shape()));
        }
        if (inputMean != null && inputMean.rank() > axis.length) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": the rank of `mean` must be less than or equal to "
                    + "the number of axes (" + axis.length + "); received mean shape " + Arrays.toString(inputMean.shape())
                    + " for axis " + Arrays.toString(axis));
        }
    }

    /** Aligns given statistics to the kept axes from right to left and broadcasts them, as Keras's build. */
    private INDArray broadcastGiven(INDArray value, String what) {
        long[] expanded = new long[broadcastShape.length];
        Arrays.fill(expanded, 1);
        long[] shape = value.shape();
        for (int i = 1; i <= shape.length; i++) {
            expanded[keepAxis[keepAxis.length - i]] = shape[shape.length - i];
        }
        for (int d = 0; d < expanded.length; d++) {
            if (expanded[d] != 1 && expanded[d] != broadcastShape[d]) {
                throw new IllegalArgumentException("Normalization \"" + name() + "\": `" + what + "` of shape "
                        + Arrays.toString(shape) + " cannot be broadcast to " + Arrays.toString(broadcastShape));
            }
        }
        return value.reshape(expanded).broadcast(broadcastShape).castTo(dtype());
    }

    /**
     * Computes the mean and variance of {@code data} over every axis but {@code axis} and stores them in the
     * layer's weights, as Keras's {@code adapt} on an array (builds the layer from {@code data.shape} first).
     */
    public void adapt(INDArray data) {
        prepareAdapt(data.shape());
        INDArray x = data.castTo(DataType.DOUBLE);
        if (reduceAxis.length == 0) {
            store(x, Nd4j.zeros(DataType.DOUBLE, x.shape()));
        } else {
            store(x.mean(reduceAxis), x.var(false, reduceAxis));
        }
    }

    /**
     * Streams the batches of {@code data} (the first array of each batch's inputs) and combines their means and
     * variances with Keras's lack-of-fit sum of squares update, as Keras's {@code adapt} on a {@code PyDataset}.
     */
    public void adapt(PyDataset data) {
        if (data.length() == 0) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": adapt() received an empty dataset (no batches)");
        }
        INDArray totalMean = null;
        INDArray totalVar = null;
        long totalCount = 0;
        for (int i = 0; i < data.length(); i++) {
            INDArray batch = data.get(i).x()[0];
            if (i == 0) {
                prepareAdapt(batch.shape());
                totalMean = Nd4j.zeros(DataType.DOUBLE, meanAndVarShape);
                totalVar = Nd4j.zeros(DataType.DOUBLE, meanAndVarShape);
            } else {
                checkKeptAxes(batch.shape(), "adapt() yielded batch " + i + " with incompatible shape");
            }
            INDArray x = batch.castTo(dtype()).castTo(DataType.DOUBLE);
            INDArray batchMean = reduceAxis.length == 0 ? x : x.mean(reduceAxis).reshape(meanAndVarShape);
            INDArray batchVar = reduceAxis.length == 0 ? Nd4j.zeros(DataType.DOUBLE, meanAndVarShape)
                    : x.var(false, reduceAxis).reshape(meanAndVarShape);
            long batchCount = 1;
            for (int d : reduceAxis) {
                batchCount *= x.size(d);
            }
            totalCount += batchCount;
            double batchWeight = (double) batchCount / totalCount;
            double existingWeight = 1.0 - batchWeight;
            INDArray newMean = totalMean.mul(existingWeight).addi(batchMean.mul(batchWeight));
            INDArray oldShift = totalMean.sub(newMean);
            INDArray batchShift = batchMean.sub(newMean);
            totalVar = totalVar.add(oldShift.muli(oldShift)).muli(existingWeight)
                    .addi(batchVar.add(batchShift.muli(batchShift)).muli(batchWeight));
            totalMean = newMean;
        }
        store(totalMean, totalVar);
    }

    private void prepareAdapt(long[] shape) {
        if (inputMean != null) {
            throw new IllegalStateException("Normalization \"" + name() + "\" was given `mean` and `variance`; it cannot be adapted");
        }
        if (!built()) {
            ensureBuilt(List.of(shape));
        } else {
            checkKeptAxes(shape, "adapt() is being called with data with an incompatible shape");
        }
    }

    private void checkKeptAxes(long[] shape, String problem) {
        boolean ok = shape.length == buildShape.length;
        for (int i = 0; ok && i < keepAxis.length; i++) {
            ok = shape[keepAxis[i]] == buildShape[keepAxis[i]];
        }
        if (!ok) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": the layer was built with input shape "
                    + Arrays.toString(buildShape) + ", but " + problem + ": " + Arrays.toString(shape));
        }
    }

    private void store(INDArray mean, INDArray variance) {
        adaptMean.assign(mean.reshape(meanAndVarShape).castTo(dtype()));
        adaptVariance.assign(variance.reshape(meanAndVarShape).castTo(dtype()));
    }

    @Override
    protected INDArray call(INDArray input, CallContext ctx) {
        if (input.rank() != broadcastShape.length) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\" expects inputs of rank " + broadcastShape.length
                    + ", got shape " + Arrays.toString(input.shape()));
        }
        checkKeptAxes(input.shape(), "it is called on an input of shape");
        INDArray x = input.dataType() == dtype() ? input : input.castTo(dtype());
        INDArray mean = adaptMean == null ? givenMean : adaptMean.value().reshape(broadcastShape);
        INDArray variance = adaptVariance == null ? givenVariance : adaptVariance.value().reshape(broadcastShape);
        INDArray scale = Transforms.max(Transforms.sqrt(variance, true), Backend.epsilon(), false);
        ctx.save("scale", scale);
        return invert ? x.mul(scale).addi(mean) : x.sub(mean).divi(scale);
    }

    @Override
    protected INDArray backward(INDArray gradOutput, CallContext ctx) {
        INDArray scale = ctx.saved("scale");
        return invert ? gradOutput.mul(scale) : gradOutput.div(scale);
    }

    /** Passes the (first) input mask on, as Keras's {@code supports_masking = True} for this layer. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", Arrays.stream(axis).boxed().toList());
        config.put("invert", invert);
        config.put("mean", toNested(inputMean));
        config.put("variance", toNested(inputVariance));
        return config;
    }

    /** A Normalization layer from its Keras config ({@code axis} an int, a list, or null for Keras's None). */
    public static Normalization fromConfig(Map<String, Object> map) {
        Config c = new Config("Normalization", map).allow("axis", "invert", "mean", "variance");
        Object rawAxis = c.raw("axis");
        int[] axis = rawAxis == null ? new int[0] : Arrays.stream(c.getLongs("axis")).mapToInt(Math::toIntExact).toArray();
        Normalization layer = new Normalization(axis).invert(c.getBoolean("invert", false))
                .mean(fromNested(c.raw("mean"), "mean"))
                .variance(fromNested(c.raw("variance"), "variance"));
        return c.applyBase(layer);
    }

    /** A given statistic as Keras writes it ({@code np.array(value).tolist()}): null, a number or nested lists. */
    private static Object toNested(INDArray value) {
        if (value == null) {
            return null;
        }
        if (value.rank() == 0) {
            return value.getDouble(0);
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < value.size(0); i++) {
            out.add(toNested(value.rank() == 1 ? Nd4j.scalar(value.getDouble(i)) : value.slice(i)));
        }
        return out;
    }

    /** The inverse of {@link #toNested}: a number or rectangular nested lists of numbers. */
    private static INDArray fromNested(Object raw, String key) {
        if (raw == null) {
            return null;
        }
        List<Long> shape = new ArrayList<>();
        Object level = raw;
        while (level instanceof List<?> list) {
            shape.add((long) list.size());
            level = list.isEmpty() ? null : list.get(0);
        }
        List<Double> flat = new ArrayList<>();
        flatten(raw, key, flat);
        double[] values = flat.stream().mapToDouble(Double::doubleValue).toArray();
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        if (Arrays.stream(dims).reduce(1, (a, b) -> a * b) != values.length) {
            throw new IllegalArgumentException("Normalization: config key '" + key + "' must be a number or rectangular nested "
                    + "lists of numbers, got " + raw);
        }
        return dims.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, dims, DataType.DOUBLE);
    }

    private static void flatten(Object raw, String key, List<Double> out) {
        if (raw instanceof Number n) {
            out.add(n.doubleValue());
        } else if (raw instanceof List<?> list) {
            for (Object e : list) {
                flatten(e, key, out);
            }
        } else {
            throw new IllegalArgumentException("Normalization: config key '" + key + "' must hold numbers, got " + raw);
        }
    }
}
