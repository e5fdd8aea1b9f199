package io.keras4j.testing;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finite-difference gradient checks in double precision (central differences, step 1e-6): an analytic
 * gradient passes when every checked element has relative error {@code |a - n| / max(|a|, |n|) <= 1e-3},
 * or both are below an absolute floor of 1e-7 (where relative error is meaningless).
 */
public final class GradientCheck {
    public static final double STEP = 1e-6;
    public static final double MAX_RELATIVE_ERROR = 1e-3;
    public static final double ABSOLUTE_FLOOR = 1e-7;
    /** Elements checked per array at most (chosen at random, always including the first and last). */
    public static final int MAX_ELEMENTS = 60;

    private GradientCheck() {
    }

    /**
     * Checks {@code analytic} = d f / d x for a scalar function f of a DOUBLE array x.
     *
     * @param what names the gradient in failure messages
     */
    public static void check(String what, Function<INDArray, Double> f, INDArray x, INDArray analytic) {
        assertEquals(DataType.DOUBLE, x.dataType(), what + ": gradient checks run in double precision");
        assertTrue(analytic != null, what + ": no analytic gradient");
        assertEquals(java.util.Arrays.toString(x.shape()), java.util.Arrays.toString(analytic.shape()), what + ": gradient shape");
        INDArray flat = x.reshape(x.length());
        INDArray grad = analytic.dup().reshape(analytic.length());
        for (long i : elements(x.length())) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + STEP);
            double plus = f.apply(x);
            flat.putScalar(i, original - STEP);
            double minus = f.apply(x);
            flat.putScalar(i, original);
            double numeric = (plus - minus) / (2 * STEP);
            double a = grad.getDouble(i);
            double diff = Math.abs(a - numeric);
            double scale = Math.max(Math.abs(a), Math.abs(numeric));
            if (diff > ABSOLUTE_FLOOR && diff / scale > MAX_RELATIVE_ERROR) {
                fail(what + ": element " + i + " analytic " + a + " vs numeric " + numeric + " (relative error " + diff / scale + ")");
            }
        }
    }

    private static long[] elements(long n) {
        if (n <= MAX_ELEMENTS) {
            long[] all = new long[(int) n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        Random r = new Random(n);
        long[] some = new long[MAX_ELEMENTS];
        some[0] = 0;
        some[1] = n - 1;
        for (int i = 2; i < MAX_ELEMENTS; i++) {
            some[i] = (long) (r.nextDouble() * n);
        }
        return some;
    }

    /**
     * Checks a built layer's backward pass: the gradients with respect to every input and every trainable
     * weight of {@code L = sum(R * layer(inputs))} for a fixed random {@code R}, against central differences.
     * Runs the layer with {@code training} as given (deterministic layers only in training mode).
     */
    public static void checkLayer(Layer layer, boolean training, INDArray... inputs) {
        checkLayer(layer, training, null, inputs);
    }

    /** As {@link #checkLayer(Layer, boolean, INDArray...)}, with the inputs carrying {@code masks} (null: none). */
    public static void checkLayer(Layer layer, boolean training, INDArray[] masks, INDArray... inputs) {
        for (INDArray x : inputs) {
            assertEquals(DataType.DOUBLE, x.dataType(), "gradient checks run in double precision");
        }
        CallContext ctx = new CallContext();
        boolean[] needs = new boolean[inputs.length];
        java.util.Arrays.fill(needs, true);
        ctx.begin(training, needs);
        ctx.setInputMasks(masks);
        INDArray[] out = layer.call(copies(inputs), ctx);
        INDArray[] r = new INDArray[out.length];
        for (int o = 0; o < out.length; o++) {
            r[o] = Nd4j.rand(DataType.DOUBLE, out[o].shape()).subi(0.5);
        }
        for (Variable v : layer.trainableWeights()) {
            v.resetGradient();
        }
        INDArray[] dx = layer.backward(copies(r), ctx);
        INDArray[] inputGrads = new INDArray[dx.length];
        for (int i = 0; i < dx.length; i++) {
            inputGrads[i] = dx[i] == null ? null : dx[i].dup();
        }
        for (int i = 0; i < inputs.length; i++) {
            final int at = i;
            if (!inputs[i].dataType().isFPType()) {
                continue;
            }
            check(layer.name() + " input " + i, x -> {
                INDArray[] args = copies(inputs);
                args[at] = x.dup();
                return objective(layer, training, masks, args, r);
            }, inputs[i].dup(), inputGrads[i]);
        }
        for (Variable v : layer.trainableWeights()) {
            INDArray analytic = v.hasGradient() ? v.gradient().dup() : Nd4j.zeros(v.value().dataType(), v.value().shape());
            INDArray saved = v.value().dup();
            check(layer.name() + " weight " + v.path(), w -> {
                v.value().assign(w);
                return objective(layer, training, masks, copies(inputs), r);
            }, v.value().dup(), analytic);
            v.value().assign(saved);
        }
    }

    private static double objective(Layer layer, boolean training, INDArray[] masks, INDArray[] inputs, INDArray[] r) {
        CallContext ctx = new CallContext();
        ctx.begin(training, new boolean[inputs.length]);
        ctx.setInputMasks(masks);
        INDArray[] out = layer.call(inputs, ctx);
        double sum = 0;
        for (int o = 0; o < out.length; o++) {
            sum += out[o].castTo(DataType.DOUBLE).mul(r[o]).sumNumber().doubleValue();
        }
        return sum;
    }

    private static INDArray[] copies(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].dup();
        }
        return out;
    }
}
