package io.keras4j.layers;

import io.keras4j.backend.Backend;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.testing.GradientCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The Keras 3.15.1 outputs in attention_goldens.txt (written by src/test/python/attention_goldens.py), and a
 * float64 gradient check for attention layers called with input masks.
 */
final class AttentionGoldens {
    private static Map<String, String[]> raw;

    private AttentionGoldens() {
    }

    private static synchronized Map<String, String[]> raw() {
        if (raw == null) {
            raw = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    AttentionGoldens.class.getResourceAsStream("/attention_goldens.txt"), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] parts = line.split("\\|", -1);
                    raw.put(parts[0], parts);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return raw;
    }

    /** The array stored under {@code name}, as FLOAT. */
    static INDArray get(String name) {
        String[] parts = raw().get(name);
        if (parts == null) {
            throw new IllegalArgumentException("no golden named " + name);
        }
        long[] shape = Arrays.stream(parts[1].split(",")).mapToLong(Long::parseLong).toArray();
        double[] values = Arrays.stream(parts[2].split(",")).mapToDouble(Double::parseDouble).toArray();
        return Nd4j.createFromArray(values).reshape(shape).castTo(DataType.FLOAT);
    }

    /** The comma-separated text stored under {@code name}. */
    static String[] text(String name) {
        return raw().get(name)[1].split(",");
    }

    /** Asserts {@code actual} equals golden {@code name} within 1e-5 absolute. */
    static void assertGolden(String name, INDArray actual) {
        INDArray expected = get(name);
        assertArrayEquals(expected.shape(), actual.shape(), name + " shape");
        assertArrayEquals(expected.reshape(-1).toDoubleVector(), actual.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 1e-5, name);
    }

    /** Calls {@code layer} in inference mode with the given input masks (one per input, null entries allowed). */
    static INDArray[] callMasked(Layer layer, INDArray[] masks, INDArray... inputs) {
        layer.applyAll(false, inputs);
        CallContext ctx = new CallContext();
        ctx.begin(false, new boolean[inputs.length]);
        ctx.setInputMasks(masks);
        return layer.call(inputs, ctx);
    }

    /**
     * Central-difference check of the input and weight gradients of {@code layer} (float64) under input masks; each
     * input is a shape (uniform noise in [-1, 1)) or a fixed array (an attention mask, not differentiated).
     */
    static void gradientCheck(java.util.function.Supplier<Layer> factory, INDArray[] masks, Object... shapes) {
        String floatx = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            Nd4j.getRandom().setSeed(7);
            INDArray[] xs = new INDArray[shapes.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = shapes[i] instanceof INDArray fixed ? fixed : Nd4j.rand(DataType.DOUBLE, (long[]) shapes[i]).muli(2).subi(1);
            }
            Layer layer = factory.get();
            INDArray[] out = callMasked(layer, masks, dup(xs));
            INDArray[] r = new INDArray[out.length];
            for (int o = 0; o < out.length; o++) {
                r[o] = Nd4j.rand(DataType.DOUBLE, out[o].shape()).subi(0.5);
            }
            CallContext ctx = new CallContext();
            boolean[] needs = new boolean[xs.length];
            Arrays.fill(needs, true);
            ctx.begin(false, needs);
            ctx.setInputMasks(masks);
            layer.call(dup(xs), ctx);
            for (Variable v : layer.trainableWeights()) {
                v.resetGradient();
            }
            INDArray[] dx = layer.backward(dup(r), ctx);
            for (int i = 0; i < xs.length; i++) {
                if (shapes[i] instanceof INDArray) {
                    continue;
                }
                final int at = i;
                INDArray analytic = dx[i].dup();
                GradientCheck.check(layer.name() + " input " + i, x -> {
                    INDArray[] args = dup(xs);
                    args[at] = x.dup();
                    return objective(layer, masks, args, r);
                }, xs[i].dup(), analytic);
            }
            for (Variable v : layer.trainableWeights()) {
                INDArray analytic = v.gradient().dup();
                INDArray saved = v.value().dup();
                GradientCheck.check(layer.name() + " weight " + v.path(), w -> {
                    v.value().assign(w);
                    return objective(layer, masks, dup(xs), r);
                }, saved.dup(), analytic);
                v.value().assign(saved);
            }
        } finally {
            Backend.setFloatx(floatx);
        }
    }

    private static double objective(Layer layer, INDArray[] masks, INDArray[] xs, INDArray[] r) {
        INDArray[] out = callMasked(layer, masks, xs);
        double sum = 0;
        for (int o = 0; o < out.length; o++) {
            sum += out[o].mul(r[o]).sumNumber().doubleValue();
        }
        return sum;
    }

    private static INDArray[] dup(INDArray[] xs) {
        INDArray[] out = new INDArray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = xs[i].dup();
        }
        return out;
    }
}
