package io.keras4j.ops;

import io.keras4j.engine.Config;
import io.keras4j.engine.KerasTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code keras.ops} operations that can be nodes of a functional graph, by Keras class name: what
 * {@link Operation} runs, and how a saved operation entry is read back ({@link #fromConfig}). Covers what Keras 3
 * writes into saved models: the Python operators ({@code + - * / ** -x}, comparisons, slicing), the reductions,
 * shape ops, {@code cast}, {@code matmul} and the nn activations.
 */
public final class Operations {
    /** The computation of an operation from its call arguments (arrays in place of tensors) and its own config. */
    @FunctionalInterface
    interface Kernel {
        INDArray apply(List<Object> args, Config config);
    }

    /** One Keras operation class: where Keras defines it, its config keys with their defaults, its computation. */
    record Kind(String module, String className, Map<String, Object> defaults, Kernel kernel) {
    }

    private static final String NUMPY = "keras.src.ops.numpy";
    private static final String NN = "keras.src.ops.nn";
    private static final String CORE = "keras.src.ops.core";
    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        binary("Add", Ops::add, Ops::add, (c, y) -> Ops.add(y, c));
        binary("Subtract", Ops::subtract, Ops::subtract, Ops::subtract);
        binary("Multiply", Ops::multiply, Ops::multiply, (c, y) -> Ops.multiply(y, c));
        binary("Divide", Ops::divide, Ops::divide, Ops::divide);
        binary("TrueDivide", Ops::trueDivide, Ops::trueDivide, Ops::divide);
        binary("Power", Ops::power, Ops::power, Ops::power);
        binary("Maximum", Ops::maximum, Ops::maximum, (c, y) -> Ops.maximum(y, c));
        binary("Minimum", Ops::minimum, Ops::minimum, (c, y) -> Ops.minimum(y, c));
        binary("Equal", Ops::equal, Ops::equal, (c, y) -> Ops.equal(y, c));
        binary("NotEqual", Ops::notEqual, Ops::notEqual, (c, y) -> Ops.notEqual(y, c));
        binary("Matmul", Ops::matmul, null, null);
        unary(NUMPY, "Negative", Ops::negative);
        unary(NUMPY, "Square", Ops::square);
        unary(NUMPY, "Sqrt", Ops::sqrt);
        unary(NUMPY, "Absolute", Ops::abs);
        unary(NUMPY, "Exp", Ops::exp);
        unary(NUMPY, "Log", Ops::log);
        unary(NN, "Relu", Ops::relu);
        unary(NN, "Sigmoid", Ops::sigmoid);
        unary(NN, "HardSigmoid", Ops::hardSigmoid);
        unary(NN, "HardSilu", Ops::hardSilu);
        kind(NN, "Softmax", keys("axis", -1), (a, c) -> Ops.softmax(array(a, 0), c.getInt("axis")));
        reduction("Sum", Ops::sum, false);
        reduction("Mean", Ops::mean, false);
        reduction("Max", Ops::max, true);
        reduction("Min", Ops::min, true);
        kind(NUMPY, "Reshape", keys("newshape", null), (a, c) -> Ops.reshape(array(a, 0), c.getLongs("newshape")));
        kind(NUMPY, "Transpose", keys("axes", null), (a, c) -> {
            int[] axes = axes(c, "axes");
            return axes == null ? Ops.transpose(array(a, 0)) : Ops.transpose(array(a, 0), axes);
        });
        kind(NUMPY, "ExpandDims", keys("axis", null), (a, c) -> {
            INDArray out = array(a, 0);
            for (int axis : axes(c, "axis")) {
                out = Ops.expandDims(out, axis);
            }
            return out;
        });
        kind(NUMPY, "Squeeze", keys("axis", null), (a, c) -> ShapeOps.squeeze(array(a, 0), axes(c, "axis")));
        kind(NUMPY, "Concatenate", keys("axis", 0), (a, c) -> {
            List<INDArray> xs = new ArrayList<>();
            for (Object x : (List<?>) a.get(0)) {
                xs.add((INDArray) x);
            }
            return Ops.concatenate(xs, c.getInt("axis"));
        });
        kind(CORE, "Cast", keys("dtype", null), (a, c) -> Ops.cast(array(a, 0), c.getString("dtype", null)));
        kind(NUMPY, "GetItem", keys(), (a, c) -> Ops.getItem(array(a, 0), pythonIndex(a.get(1))));
    }

    private Operations() {
    }

    private static Map<String, Object> keys(Object... keysAndDefaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndDefaults.length; i += 2) {
            out.put((String) keysAndDefaults[i], keysAndDefaults[i + 1]);
        }
        return out;
    }

    private static void kind(String module, String className, Map<String, Object> defaults, Kernel kernel) {
        KINDS.put(className, new Kind(module, className, defaults, kernel));
    }

    private static void unary(String module, String className, java.util.function.UnaryOperator<INDArray> op) {
        kind(module, className, keys(), (a, c) -> op.apply(array(a, 0)));
    }

    /** A binary operation of two tensors, or of a tensor and a constant on either side (null where Keras has none). */
    private static void binary(String className, java.util.function.BinaryOperator<INDArray> arrays,
                               java.util.function.BiFunction<INDArray, Double, INDArray> constantRight,
                               java.util.function.BiFunction<Double, INDArray, INDArray> constantLeft) {
        kind(NUMPY, className, keys(), (a, c) -> {
            Object x = a.get(0);
            Object y = a.get(1);
            if (x instanceof INDArray ax && y instanceof INDArray ay) {
                return arrays.apply(ax, ay);
            }
            if (x instanceof INDArray ax && y instanceof Number n && constantRight != null) {
                return constantRight.apply(ax, n.doubleValue());
            }
            if (x instanceof Number n && y instanceof INDArray ay && constantLeft != null) {
                return constantLeft.apply(n.doubleValue(), ay);
            }
            throw new IllegalArgumentException(className + ": unsupported arguments " + describe(x) + " and " + describe(y));
        });
    }

    /** A reduction as {@code Ops.sum(x, axis, keepdims)} (axis null: all axes). */
    @FunctionalInterface
    private interface Reduction {
        INDArray apply(INDArray x, int[] axis, boolean keepdims);
    }

    private static void reduction(String className, Reduction op, boolean initial) {
        Map<String, Object> defaults = initial ? keys("axis", null, "keepdims", false, "initial", null) : keys("axis", null, "keepdims", false);
        kind(NUMPY, className, defaults, (a, c) -> {
            if (c.raw("initial") != null) {
                throw new UnsupportedOperationException(className + ": 'initial' is not supported, got " + c.raw("initial"));
            }
            return op.apply(array(a, 0), axes(c, "axis"), c.getBoolean("keepdims", false));
        });
    }

    /** A GetItem key (Slice, Integer, null, Ellipsis, or a list of these) in Python's notation, as Ops.getItem takes it. */
    private static String pythonIndex(Object key) {
        List<?> parts = key instanceof List<?> list ? list : Arrays.asList(key);
        List<String> out = new ArrayList<>();
        for (Object k : parts) {
            if (k == null) {
                out.add("None");
            } else if (k == Ellipsis.INSTANCE) {
                out.add("...");
            } else if (k instanceof Slice slice) {
                out.add(bound(slice.start()) + ":" + bound(slice.stop()) + (slice.step() == null ? "" : ":" + slice.step()));
            } else if (k instanceof Integer i) {
                out.add(Integer.toString(i));
            } else {
                throw new IllegalArgumentException("GetItem: unsupported index element " + describe(k)
                        + " (supported: slices, integers, None, Ellipsis)");
            }
        }
        return String.join(", ", out);
    }

    private static String bound(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String describe(Object value) {
        return value == null ? "None" : value instanceof INDArray x ? "a tensor of shape " + Arrays.toString(x.shape()) : value.toString();
    }

    private static INDArray array(List<Object> args, int i) {
        if (i >= args.size() || !(args.get(i) instanceof INDArray x)) {
            throw new IllegalArgumentException("expected a tensor as argument " + i + ", got " + (i < args.size() ? args.get(i) : "none"));
        }
        return x;
    }

    /** An axis argument: null, an int, or a list of ints. */
    private static int[] axes(Config config, String key) {
        return config.raw(key) == null ? null : Arrays.stream(config.getLongs(key)).mapToInt(Math::toIntExact).toArray();
    }

    /** Whether {@code module} is one of Keras's operation modules ({@code keras.src.ops.*}), not a layer module. */
    public static boolean isOperationModule(String module) {
        return module != null && module.startsWith("keras.src.ops.");
    }

    /**
     * The Keras module of operation {@code className} ("keras.src.ops.numpy"), or null if keras4j has no such operation:
     * for configs saved without modules (legacy {@code .h5}).
     */
    public static String moduleOf(String className) {
        Kind kind = KINDS.get(className);
        return kind == null ? null : kind.module();
    }

    /** The class names of the operations keras4j can run as graph nodes, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(KINDS.keySet());
    }

    /**
     * An operation from its saved entry, as Keras's {@code Operation.from_config}: its {@code name} and own arguments.
     *
     * @throws UnsupportedOperationException for an operation keras4j does not have (or one defined elsewhere)
     * @throws IllegalArgumentException      for a config key the operation does not take
     */
    public static Operation fromConfig(String module, String className, Map<String, Object> config) {
        Kind kind = KINDS.get(className);
        if (kind == null || !kind.module().equals(module)) {
            throw new UnsupportedOperationException("operation '" + className + "' of " + module + " is not available in keras4j; "
                    + "supported operations: " + names());
        }
        Map<String, Object> params = new LinkedHashMap<>(kind.defaults());
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!e.getKey().equals("name") && !params.containsKey(e.getKey())) {
                throw new IllegalArgumentException(className + ": unknown config key '" + e.getKey() + "'; expected one of "
                        + new TreeSet<>(kind.defaults().keySet()) + " and 'name'");
            }
            if (!e.getKey().equals("name")) {
                params.put(e.getKey(), e.getValue());
            }
        }
        Operation op = new Operation(kind, params);
        if (config.get("name") instanceof String name) {
            op.name(name);
        }
        return op;
    }

    /** Records {@code className} called on {@code args} in the functional graph; {@code params} are its own arguments. */
    static KerasTensor call(String className, Map<String, Object> params, Object... args) {
        Kind kind = KINDS.get(className);
        Map<String, Object> all = new LinkedHashMap<>(kind.defaults());
        all.putAll(params);
        return new Operation(kind, all).symbolicCall(args);
    }
}
